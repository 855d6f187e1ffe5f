import type { ELK } from "elkjs/lib/elk-api";

// elkjs is 1.5 MB of script that starts a layout engine when loaded: fetched on first use
// rather than parsed and run with every editor that opens (or every server start).
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

export const DEFAULT_LAYOUT_SIZE = { width: 200, height: 80 };

export type LayoutBox = { id: string; width?: number | null; height?: number | null };
export type LayoutLink = { id: string; source: string; target: string };

/** Left-to-right layered layout (elkjs), shared by the canvas and the assistant; new positions by node id. */
export async function layeredLayout(
  boxes: readonly LayoutBox[],
  links: readonly LayoutLink[],
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
    children: boxes.map((b) => ({
      id: b.id,
      width: b.width ?? DEFAULT_LAYOUT_SIZE.width,
      height: b.height ?? DEFAULT_LAYOUT_SIZE.height,
    })),
    edges: links.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  return new Map((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}
