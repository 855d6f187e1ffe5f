import pg from "pg";
import type { WireEdge, WireNode } from "../../lib/graph/schemas";

/** Stores a workflow with the graph for `userId` (as the database owner, set-based). */
export async function seedWorkflow(databaseUrl: string, userId: string, graph: { nodes: WireNode[]; edges: WireEdge[] }): Promise<string> {
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
    const nodes = graph.nodes.map((n) => ({ id: n.id, type: n.type, data: n.data, x: n.position.x, y: n.position.y }));
    await client.query(
      `insert into public.nodes (workflow_id, id, type, data, position_x, position_y)
       select $1, r.id, r.type, r.data, r.x, r.y
       from jsonb_to_recordset($2::jsonb) as r(id text, type text, data jsonb, x float8, y float8)`,
      [id, JSON.stringify(nodes)],
    );
    await client.query(
      `insert into public.edges (workflow_id, id, source, target, source_handle, target_handle)
       select $1, r.id, r.source, r.target, r."sourceHandle", r."targetHandle"
       from jsonb_to_recordset($2::jsonb) as r(id text, source text, target text, "sourceHandle" text, "targetHandle" text)`,
      [id, JSON.stringify(graph.edges)],
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
