import type { XYPosition } from "@xyflow/react";
import { patchGraphItems } from "@/lib/graph/diff";
import { type AppEdge, edgeFromWire } from "@/lib/graph/flow-types";
import type { AppNode } from "@/lib/graph/nodes";
import type { GraphDiff } from "@/lib/graph/schemas";
import { canvasNodeFromWire } from "./nodes/geometry";
import type { GraphState } from "./store";

export type PatchOptions = {
  /** A class every upserted node and edge gets (a proposal's highlight). */
  className?: string;
  /** Where a node stays for now instead of its new position (it glides there afterwards). */
  positionOf?: (id: string) => XYPosition | undefined;
};

/**
 * A diff applied to the canvas (or a snapshot of its undo history): each kept item keeps this
 * tab's own view of it (selection), but not its measured size, which the new data may change.
 */
export function patchCanvas(graph: GraphState, diff: GraphDiff, options: PatchOptions = {}): GraphState {
  const { className, positionOf } = options;
  const marked = className ? { className } : {};
  return patchGraphItems<AppNode, AppEdge>(graph, diff, {
    node: (wire, existing) => {
      const { width, height, ...view } = existing ?? ({} as Partial<AppNode>);
      const held = positionOf?.(wire.id);
      return {
        ...view,
        ...canvasNodeFromWire(wire),
        ...(held ? { position: held } : {}),
        ...marked,
      } as AppNode;
    },
    edge: (wire, existing) => ({ ...existing, ...edgeFromWire(wire), ...marked }),
  });
}
