import type { EditOutcome } from "@/lib/assistant/messages";
import type { GraphDiff } from "@/lib/graph/schemas";

const LABELS: Record<string, string> = {
  read_graph: "read the workflow",
  list_registry: "looked up the MCP registry",
  add_node: "add a node",
  update_node: "update a node",
  connect_nodes: "connect nodes",
  delete_nodes: "delete",
  auto_layout: "lay out the workflow",
  run_workflow: "run the workflow",
  read_run_logs: "read the run's log",
};

export type ToolPart = {
  type: string;
  toolCallId: string;
  state: string;
  input?: unknown;
  output?: unknown;
  errorText?: string;
  approval?: { id: string; approved?: boolean };
};

export const toolName = (part: { type: string }) => part.type.slice("tool-".length);

export function isToolPart(part: { type: string }): part is ToolPart {
  return part.type.startsWith("tool-");
}

type Outcome = { ok: true; summary: string; proposed?: boolean } | { ok: false; error: string };

/** A tool's answer with a sentence for the panel (every editing and run tool answers so). */
function isOutcome(output: unknown): output is Outcome {
  return typeof output === "object" && output !== null && "ok" in output;
}

/** An editing tool's answer: it carries the diff it saved or proposed. */
export function isEditOutcome(output: unknown): output is EditOutcome {
  return isOutcome(output) && (output.ok === false || "diff" in output);
}

/** One line of visible tool activity, e.g. "added tool node "Search" …" or why it failed. */
export function describeActivity(part: ToolPart): { text: string; tone: "done" | "failed" | "working" } {
  const name = toolName(part);
  const label = LABELS[name] ?? name;
  switch (part.state) {
    case "output-available": {
      if (!isOutcome(part.output)) return { text: label, tone: "done" };
      if (part.output.ok)
        return {
          text: part.output.proposed ? `proposed: ${part.output.summary}` : part.output.summary,
          tone: "done",
        };
      return {
        text: `could not ${label}: ${part.output.error.split("\n").slice(0, 3).join(" ")}`,
        tone: "failed",
      };
    }
    case "output-error":
      return { text: `could not ${label}: ${part.errorText ?? "invalid arguments"}`, tone: "failed" };
    case "output-denied":
      return { text: `you declined: ${label}`, tone: "failed" };
    default:
      return { text: `${label}…`, tone: "working" };
  }
}

/** What the panel asks before a tool that needs the user's confirmation runs. */
export function approvalQuestion(part: ToolPart): { question: string; yes: string; no: string } {
  if (toolName(part) === "run_workflow") {
    const input = (part.input as { input?: unknown } | undefined)?.input;
    const given =
      input === undefined
        ? ""
        : ` with the input ${typeof input === "string" ? input : JSON.stringify(input)}`.slice(0, 200);
    return { question: `Trymate wants to run the workflow${given}. Run it?`, yes: "Run", no: "Do not run" };
  }
  const count = (part.input as { nodeIds?: string[] } | undefined)?.nodeIds?.length ?? 0;
  return { question: `Trymate wants to delete ${count} nodes. Delete them?`, yes: "Delete", no: "Keep them" };
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What a proposal holds, in words: "Proposed: 2 nodes to add or change, 1 connection." */
export function describeProposal(diff: GraphDiff): string {
  const parts = [
    diff.upsertNodes.length > 0 && `${count(diff.upsertNodes.length, "node", "nodes")} to add or change`,
    diff.deleteNodes.length > 0 && `${count(diff.deleteNodes.length, "node", "nodes")} to delete`,
    diff.upsertEdges.length > 0 && count(diff.upsertEdges.length, "connection", "connections"),
  ].filter(Boolean);
  return `Proposed: ${parts.length > 0 ? parts.join(", ") : "no change"}. Nothing is saved yet.`;
}

/** What a new conversation offers to start with. */
export const EXAMPLE_PROMPTS = [
  "Build a workflow that echoes its input through the demo MCP server",
  "Explain what this workflow does",
  "Add a note describing each step",
];
