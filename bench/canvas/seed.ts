import pg from "pg";
import { edgeToRow, nodeToRow } from "../../lib/graph/rows";
import type { WireEdge, WireNode } from "../../lib/graph/schemas";

/** Stores a workflow with the graph for `userId` (as the database owner, set-based). */
export async function seedWorkflow(
  databaseUrl: string,
  userId: string,
  graph: { nodes: WireNode[]; edges: WireEdge[] },
): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("begin");
    const { rows } = await client.query<{ id: string }>(
      "insert into public.workflows (user_id, name) values ($1, 'Canvas benchmark') returning id",
      [userId],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error("no workflow created");
    await client.query(
      `insert into public.nodes (workflow_id, id, type, data, position_x, position_y, width, height)
       select $1, r.id, r.type, r.data, r.position_x, r.position_y, r.width, r.height
       from jsonb_to_recordset($2::jsonb)
         as r(id text, type text, data jsonb, position_x float8, position_y float8, width float8, height float8)`,
      [id, JSON.stringify(graph.nodes.map(nodeToRow))],
    );
    await client.query(
      `insert into public.edges (workflow_id, id, source, target, source_handle, target_handle, data)
       select $1, r.id, r.source, r.target, r.source_handle, r.target_handle, r.data
       from jsonb_to_recordset($2::jsonb)
         as r(id text, source text, target text, source_handle text, target_handle text, data jsonb)`,
      [id, JSON.stringify(graph.edges.map(edgeToRow))],
    );
    await client.query("commit");
    return id;
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    await client.end();
  }
}
