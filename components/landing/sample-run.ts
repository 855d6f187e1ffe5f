import type { Edge, Node } from "@xyflow/react";

export type PreviewStatus = "queued" | "running" | "succeeded" | "skipped";
export type PreviewData = {
  type: "trigger" | "protocol" | "condition";
  icon: string;
  label: string;
  kind: string;
  body: string;
};
export type PreviewNode = Node<PreviewData, "preview">;

const node = (id: string, x: number, y: number, data: PreviewData): PreviewNode => ({
  id,
  type: "preview",
  position: { x, y },
  data,
});

/** The workflow the landing page shows: a webhook that looks an issue up, then routes it. */
export const SAMPLE_NODES: PreviewNode[] = [
  node("hook", 0, 80, {
    type: "trigger",
    icon: "▶",
    label: "New issue",
    kind: "webhook",
    body: "POST /api/webhooks/…",
  }),
  node("fetch", 260, 80, {
    type: "protocol",
    icon: "⚙",
    label: "Find reporter",
    kind: "mcp",
    body: "crm · find-contact",
  }),
  node("vip", 520, 80, {
    type: "condition",
    icon: "◇",
    label: "Customer?",
    kind: "if",
    body: "plan != 'free'",
  }),
  node("page", 780, 0, {
    type: "protocol",
    icon: "⚙",
    label: "Page on-call",
    kind: "mcp",
    body: "pager · notify",
  }),
  node("queue", 780, 160, {
    type: "protocol",
    icon: "⚙",
    label: "Add to backlog",
    kind: "mcp",
    body: "tracker · create-task",
  }),
];

export const SAMPLE_EDGES: Edge[] = [
  { id: "hook-fetch", source: "hook", sourceHandle: "out", target: "fetch", targetHandle: "in" },
  { id: "fetch-vip", source: "fetch", sourceHandle: "out", target: "vip", targetHandle: "in" },
  { id: "vip-page", source: "vip", sourceHandle: "true", target: "page", targetHandle: "in", label: "true" },
  {
    id: "vip-queue",
    source: "vip",
    sourceHandle: "false",
    target: "queue",
    targetHandle: "in",
    label: "false",
  },
];

/** The nodes a run goes through, in order; the branch not taken ends skipped. */
const RUN_ORDER = ["hook", "fetch", "vip", "page"] as const;
const SKIPPED = "queue";

/**
 * Each node's status at a tick of the replayed run: one node starts per tick, finishes the
 * next, and the run then rests finished for a few ticks before starting over.
 */
export function statusesAt(tick: number): Record<string, PreviewStatus> {
  const cycle = RUN_ORDER.length * 2 + 4;
  const step = tick % cycle;
  const statuses: Record<string, PreviewStatus> = {};
  RUN_ORDER.forEach((id, i) => {
    statuses[id] = step < i * 2 ? "queued" : step === i * 2 ? "running" : "succeeded";
  });
  statuses[SKIPPED] = step > RUN_ORDER.indexOf("vip") * 2 ? "skipped" : "queued";
  return statuses;
}

/** The finished run: what people who asked for less motion see, still. */
export const FINISHED = statusesAt(RUN_ORDER.length * 2);
