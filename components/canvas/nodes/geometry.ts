import { type NodeHandle, Position } from "@xyflow/react";
import { type AppNode, nodeFromWire } from "@/lib/graph/flow-types";
import { NODE_SPECS } from "@/lib/graph/node-specs";
import type { WireNode } from "@/lib/graph/schemas";

/*
 * Trigger and tool nodes have a fixed size, so their geometry is known before they are drawn:
 * given `measured` and `handles`, React Flow draws the nodes and their edges in its first pass
 * instead of waiting to measure a thousand nodes and re-rendering the whole graph. It still
 * measures them, and re-measures any node whose real size differs.
 */

/** Outer size of trigger and tool nodes, border included (as they measured at their content's size). */
export const BOX_NODE_SIZE = {
  trigger: { width: 210, height: 72 },
  protocol: { width: 180, height: 72 },
} as const;

type BoxType = keyof typeof BOX_NODE_SIZE;

/** React Flow's default handle: 6 px square, border included, centred on the node's side. */
const HANDLE_SIZE = 6;

/** Where the i-th of `count` handles sits along its side, as a fraction of the side. */
export function handleOffset(i: number, count: number): number {
  return (i + 1) / (count + 1);
}

function sideHandles(
  ids: string[],
  type: NodeHandle["type"],
  position: Position,
  x: number,
  height: number,
): NodeHandle[] {
  return ids.map((id, i) => ({
    id,
    type,
    position,
    x: x - HANDLE_SIZE / 2,
    y: handleOffset(i, ids.length) * height - HANDLE_SIZE / 2,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  }));
}

function boxHandles(type: BoxType): NodeHandle[] {
  const { inputs, outputs } = NODE_SPECS[type];
  const { width, height } = BOX_NODE_SIZE[type];
  return [
    ...sideHandles(
      inputs.map((h) => h.id),
      "target",
      Position.Left,
      0,
      height,
    ),
    ...sideHandles(
      outputs.map((h) => h.id),
      "source",
      Position.Right,
      width,
      height,
    ),
  ];
}

const BOX_HANDLES = { trigger: boxHandles("trigger"), protocol: boxHandles("protocol") };

/** The node with its known size and handles; notes (resizable) are left to be measured. */
function withKnownGeometry(node: AppNode): AppNode {
  if (node.type === "note") return node;
  return { ...node, measured: { ...BOX_NODE_SIZE[node.type] }, handles: BOX_HANDLES[node.type] };
}

/** A stored or received node as the canvas holds it: React Flow's shape, geometry known where fixed. */
export function canvasNodeFromWire(node: WireNode): AppNode {
  return withKnownGeometry(nodeFromWire(node));
}
