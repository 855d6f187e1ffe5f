import { type NodeHandle, Position } from "@xyflow/react";
import { nodeFromWire } from "@/lib/graph/flow-types";
import { type AppNode, NODE_LIST, NODE_SPECS, type NodeType } from "@/lib/graph/nodes";
import type { WireNode } from "@/lib/graph/schemas";

/*
 * Fixed-size nodes (their size rule says so) have a geometry known before they are drawn: given
 * `measured` and `handles`, React Flow draws the nodes and their edges in its first pass instead
 * of waiting to measure a thousand nodes and re-rendering the whole graph. It still measures
 * them, and re-measures any node whose real size differs.
 */

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

type Geometry = { measured: { width: number; height: number }; handles: NodeHandle[] };

/** Outer size (border included) and handles of every fixed-size type, computed once. */
const KNOWN_GEOMETRY = new Map<NodeType, Geometry>();
for (const spec of NODE_LIST) {
  if (spec.size.kind !== "fixed") continue;
  const { width, height } = spec.size;
  KNOWN_GEOMETRY.set(spec.type, {
    measured: { width, height },
    handles: [
      ...sideHandles(
        spec.inputs.map((h) => h.id),
        "target",
        Position.Left,
        0,
        height,
      ),
      ...sideHandles(
        spec.outputs.map((h) => h.id),
        "source",
        Position.Right,
        width,
        height,
      ),
    ],
  });
}

/** The drawn size of a fixed-size type. */
export function fixedSize(type: NodeType): { width: number; height: number } | undefined {
  const size = NODE_SPECS[type].size;
  return size.kind === "fixed" ? { width: size.width, height: size.height } : undefined;
}

/** The node with its known size and handles; resizable nodes are left to be measured. */
function withKnownGeometry(node: AppNode): AppNode {
  const known = KNOWN_GEOMETRY.get(node.type);
  return known ? { ...node, measured: { ...known.measured }, handles: known.handles } : node;
}

/** A stored or received node as the canvas holds it: React Flow's shape, geometry known where fixed. */
export function canvasNodeFromWire(node: WireNode): AppNode {
  return withKnownGeometry(nodeFromWire(node));
}
