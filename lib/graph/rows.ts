import type { WireEdge, WireNode } from "./schemas";

/*
 * The one mapping between the wire shape and the rows of `public.nodes` and `public.edges`
 * (snake_case columns, the position in two columns). Services write and read rows with it, the
 * canvas reads Realtime's row payloads with it, and the benches seed and load with it.
 */

/** A `public.nodes` row without its workflow_id. */
export type NodeRow = {
  id: string;
  type: string;
  data: unknown;
  position_x: number;
  position_y: number;
  width: number | null;
  height: number | null;
};

/** A `public.edges` row without its workflow_id. */
export type EdgeRow = {
  id: string;
  source: string;
  target: string;
  source_handle: string | null;
  target_handle: string | null;
  data: Record<string, unknown> | null;
};

export function nodeToRow(node: WireNode): NodeRow {
  return {
    id: node.id,
    type: node.type,
    data: node.data,
    position_x: node.position.x,
    position_y: node.position.y,
    width: node.width ?? null,
    height: node.height ?? null,
  };
}

/**
 * The row as a wire node, its data taken as stored: a row the database wrote is trusted; a row
 * from elsewhere (a Realtime payload) is checked with `wireNodeSchema` after this.
 */
export function nodeFromRow(row: NodeRow): WireNode {
  const node = {
    id: row.id,
    type: row.type,
    data: row.data,
    position: { x: row.position_x, y: row.position_y },
  };
  return {
    ...node,
    ...(row.width != null ? { width: row.width } : {}),
    ...(row.height != null ? { height: row.height } : {}),
  } as WireNode;
}

export function edgeToRow(edge: WireEdge): EdgeRow {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    source_handle: edge.sourceHandle,
    target_handle: edge.targetHandle,
    data: edge.data ?? null,
  };
}

export function edgeFromRow(row: EdgeRow): WireEdge {
  const edge: WireEdge = {
    id: row.id,
    source: row.source,
    target: row.target,
    sourceHandle: row.source_handle ?? null,
    targetHandle: row.target_handle ?? null,
  };
  if (row.data != null) edge.data = row.data;
  return edge;
}

/** The columns of each table the mapping covers, in the order above. */
export const NODE_COLUMNS = "id, type, data, position_x, position_y, width, height";
export const EDGE_COLUMNS = "id, source, target, source_handle, target_handle, data";
