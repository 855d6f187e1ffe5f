import { type AppEdge, edgeFromWire, edgeToWire, nodeToWire } from "@/lib/graph/flow-types";
import type { AppNode } from "@/lib/graph/nodes";
import { wireGraphSchema } from "@/lib/graph/schemas";
import { canvasNodeFromWire } from "./nodes/geometry";

// localStorage is shared by every tab of the app, so a copy in one workflow pastes in another.
const KEY = "tryliate.canvas.clipboard";

export function copySelection(nodes: readonly AppNode[], edges: readonly AppEdge[]): number {
  const picked = nodes.filter((n) => n.selected);
  const ids = new Set(picked.map((n) => n.id));
  const inner = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  if (picked.length === 0) return 0;
  localStorage.setItem(KEY, JSON.stringify({ nodes: picked.map(nodeToWire), edges: inner.map(edgeToWire) }));
  return picked.length;
}

/** The clipboard's nodes and edges with fresh ids, shifted so a paste never hides its source. */
export function readClipboard(offset = 40): { nodes: AppNode[]; edges: AppEdge[] } | null {
  const raw = localStorage.getItem(KEY);
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = wireGraphSchema.safeParse(json);
  if (!parsed.success) return null;
  const suffix = crypto.randomUUID().slice(0, 6);
  const rename = new Map(
    parsed.data.nodes.map((n) => [n.id, `${n.type}-${crypto.randomUUID().slice(0, 8)}`]),
  );
  const nodes = parsed.data.nodes.map((n) => ({
    ...canvasNodeFromWire({
      ...n,
      id: rename.get(n.id) ?? n.id,
      position: { x: n.position.x + offset, y: n.position.y + offset },
    }),
    selected: true,
  }));
  const edges = parsed.data.edges.map((e) =>
    edgeFromWire({
      ...e,
      id: `${e.id}-${suffix}`.slice(0, 128),
      source: rename.get(e.source) ?? e.source,
      target: rename.get(e.target) ?? e.target,
    }),
  );
  return { nodes, edges };
}
