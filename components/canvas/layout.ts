import type { AppEdge } from "@/lib/graph/flow-types";
import { layeredLayout } from "@/lib/graph/layout";
import type { AppNode } from "@/lib/graph/nodes";

/** Left-to-right layered layout of the canvas (measured sizes when known); new positions by node id. */
export function autoLayout(
  nodes: readonly AppNode[],
  edges: readonly AppEdge[],
): Promise<Map<string, { x: number; y: number }>> {
  return layeredLayout(
    nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? n.width,
      height: n.measured?.height ?? n.height,
    })),
    edges,
  );
}
