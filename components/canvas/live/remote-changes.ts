import { type WireEdge, type WireNode, wireEdgeSchema, wireNodeSchema } from "@/lib/graph/schemas";

/** A row change of one open workflow, read from a Realtime `postgres_changes` payload. */
export type RemoteChange =
  | { kind: "node"; id: string; value: WireNode | null }
  | { kind: "edge"; id: string; value: WireEdge | null }
  | { kind: "workflow"; name: string | null }
  /** The payload could not be read whole (too large, a malformed row): reload the graph instead. */
  | { kind: "unreadable" };

type Row = Record<string, unknown>;
export type ChangePayload = {
  table: string;
  eventType: "INSERT" | "UPDATE" | "DELETE";
  new: Row;
  old: Row;
  errors?: string[] | null;
};

function nodeFromRow(row: Row): WireNode | null {
  const node: Row = {
    id: row.id,
    type: row.type,
    data: row.data,
    position: { x: row.position_x, y: row.position_y },
  };
  if (row.width != null) node.width = row.width;
  if (row.height != null) node.height = row.height;
  const parsed = wireNodeSchema.safeParse(node);
  return parsed.success ? parsed.data : null;
}

function edgeFromRow(row: Row): WireEdge | null {
  const edge: Row = {
    id: row.id,
    source: row.source,
    target: row.target,
    sourceHandle: row.source_handle ?? null,
    targetHandle: row.target_handle ?? null,
  };
  if (row.data != null) edge.data = row.data;
  const parsed = wireEdgeSchema.safeParse(edge);
  return parsed.success ? parsed.data : null;
}

/**
 * Reads one payload. Returns null for changes of other workflows: Supabase passes DELETE events
 * through column filters, so the workflow id is checked here as well.
 */
export function readChange(payload: ChangePayload, workflowId: string): RemoteChange | null {
  const deleted = payload.eventType === "DELETE";
  const row = deleted ? payload.old : payload.new;
  if (payload.table === "workflows") {
    if (row.id !== workflowId) return null;
    if (deleted) return { kind: "workflow", name: null };
    return typeof row.name === "string" ? { kind: "workflow", name: row.name } : { kind: "unreadable" };
  }
  if (row.workflow_id !== workflowId) return null;
  if (typeof row.id !== "string") return { kind: "unreadable" };
  if (payload.errors && payload.errors.length > 0 && !deleted) return { kind: "unreadable" };
  if (payload.table === "nodes") {
    const value = deleted ? null : nodeFromRow(row);
    return deleted || value ? { kind: "node", id: row.id, value } : { kind: "unreadable" };
  }
  if (payload.table === "edges") {
    const value = deleted ? null : edgeFromRow(row);
    return deleted || value ? { kind: "edge", id: row.id, value } : { kind: "unreadable" };
  }
  return null;
}
