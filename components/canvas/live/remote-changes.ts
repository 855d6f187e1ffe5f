import { type EdgeRow, edgeFromRow, type NodeRow, nodeFromRow } from "@/lib/graph/rows";
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

function readNode(row: Row): WireNode | null {
  const parsed = wireNodeSchema.safeParse(nodeFromRow(row as NodeRow));
  return parsed.success ? parsed.data : null;
}

function readEdge(row: Row): WireEdge | null {
  const parsed = wireEdgeSchema.safeParse(edgeFromRow(row as EdgeRow));
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
    const value = deleted ? null : readNode(row);
    return deleted || value ? { kind: "node", id: row.id, value } : { kind: "unreadable" };
  }
  if (payload.table === "edges") {
    const value = deleted ? null : readEdge(row);
    return deleted || value ? { kind: "edge", id: row.id, value } : { kind: "unreadable" };
  }
  return null;
}
