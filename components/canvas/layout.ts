import type { ELK } from "elkjs/lib/elk-api";
import type { AppEdge } from "@/lib/graph/flow-types";
import type { AppNode } from "@/lib/graph/nodes";

// elkjs is 1.5 MB of script that starts a layout engine when loaded: fetched on first use
// rather than parsed and run with every editor that opens.
let engine: Promise<ELK> | undefined;
function loadEngine(): Promise<ELK> {
  engine ??= import("elkjs/lib/elk.bundled.js").then(
    ({ default: ELKConstructor }) => new ELKConstructor(),
    (error: unknown) => {
      engine = undefined;
      throw error;
    },
  );
  return engine;
}

const DEFAULT_SIZE = { width: 200, height: 80 };

/** Left-to-right layered layout (elkjs); returns new positions by node id. */
export async function autoLayout(
  nodes: readonly AppNode[],
  edges: readonly AppEdge[],
): Promise<Map<string, { x: number; y: number }>> {
  const elk = await loadEngine();
  const result = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "40",
      "elk.layered.spacing.nodeNodeBetweenLayers": "80",
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? n.width ?? DEFAULT_SIZE.width,
      height: n.measured?.height ?? n.height ?? DEFAULT_SIZE.height,
    })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  return new Map((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}
