import pg from "pg";
import {
  EDGE_COLUMNS,
  type EdgeRow,
  edgeFromRow,
  edgeToRow,
  NODE_COLUMNS,
  type NodeRow,
  nodeFromRow,
  nodeToRow,
} from "../../lib/graph/rows";
import type { WireEdge, WireNode } from "../../lib/graph/schemas";
import type { JwtClaims } from "../../server/platform/db/claims";

/*
 * The raw-SQL floor: the least a save or a load of the same graph can cost on the same tables,
 * keys and row-level security, with raw `pg` on one open connection and no validation. The
 * service's figures are judged as ratios to it, measured in the same run on the same machine.
 */

const column = <R, K extends keyof R>(rows: R[], key: K) => rows.map((r) => r[key]);

export async function openFloor(databaseUrl: string, claims: JwtClaims) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();

  async function asUser<T>(fn: () => Promise<T>): Promise<T> {
    await client.query("begin");
    try {
      await client.query(
        "select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)",
        [JSON.stringify(claims)],
      );
      const result = await fn();
      await client.query("commit");
      return result;
    } catch (error) {
      await client.query("rollback");
      throw error;
    }
  }

  return {
    /** A full save into an empty workflow: one transaction, one `unnest` insert per table. */
    save: (workflowId: string, graph: { nodes: WireNode[]; edges: WireEdge[] }) =>
      asUser(async () => {
        const nodes = graph.nodes.map(nodeToRow);
        const edges = graph.edges.map(edgeToRow);
        await client.query(
          `insert into public.nodes (workflow_id, ${NODE_COLUMNS})
           select $1::uuid, * from unnest($2::text[], $3::text[], $4::jsonb[], $5::float8[], $6::float8[], $7::float8[], $8::float8[])`,
          [
            workflowId,
            column(nodes, "id"),
            column(nodes, "type"),
            nodes.map((n) => JSON.stringify(n.data)),
            column(nodes, "position_x"),
            column(nodes, "position_y"),
            column(nodes, "width"),
            column(nodes, "height"),
          ],
        );
        await client.query(
          `insert into public.edges (workflow_id, ${EDGE_COLUMNS})
           select $1::uuid, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])`,
          [
            workflowId,
            column(edges, "id"),
            column(edges, "source"),
            column(edges, "target"),
            column(edges, "source_handle"),
            column(edges, "target_handle"),
            edges.map((e) => (e.data == null ? null : JSON.stringify(e.data))),
          ],
        );
      }),

    /** A load: two selects, the rows mapped to the wire shape. */
    load: (workflowId: string) =>
      asUser(async () => {
        const nodes = await client.query<NodeRow>(
          `select ${NODE_COLUMNS} from public.nodes where workflow_id = $1 order by id`,
          [workflowId],
        );
        const edges = await client.query<EdgeRow>(
          `select ${EDGE_COLUMNS} from public.edges where workflow_id = $1 order by id`,
          [workflowId],
        );
        return { nodes: nodes.rows.map(nodeFromRow), edges: edges.rows.map(edgeFromRow) };
      }),

    close: () => client.end(),
  };
}
