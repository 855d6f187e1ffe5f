import type pg from "pg";
import type { CapturedChange } from "./change-feed";
import { isSubscriberRole, type PublishedTable } from "./tables";
import type { Claims } from "./tokens";

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function qualifiedName(table: PublishedTable): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.table)}`;
}

export type VisibilityRequest = { claims: Claims; changes: CapturedChange[] };

/**
 * Which changes each claims set may see, decided by Postgres itself: inside one transaction
 * that is always rolled back, the rows deleted by the batch's transactions are put back
 * (session_replication_role = replica skips triggers and FK checks), then per claims set —
 * one round trip — the subscriber's role and request.jwt.claims are set in a savepoint and
 * the changed rows' keys are selected through RLS. INSERT/UPDATE see the row as it is now
 * (like Realtime's apply_rls); a DELETE is judged on the deleted row itself, so it reaches
 * exactly those who could read the row before it was deleted. Any error hides the changes.
 */
export async function visibleChangeIds(
  pool: pg.Pool,
  tables: Map<number, PublishedTable>,
  requests: VisibilityRequest[],
): Promise<Set<number>[]> {
  // Many claims sets: split over a few connections so Postgres checks them in parallel.
  const parts = Math.min(PARALLEL_CONNECTIONS, Math.ceil(requests.length / MIN_PER_CONNECTION));
  if (parts <= 1) return checkOnOneConnection(pool, tables, requests);
  const size = Math.ceil(requests.length / parts);
  const chunks = Array.from({ length: parts }, (_, i) => requests.slice(i * size, (i + 1) * size));
  return (await Promise.all(chunks.map((chunk) => checkOnOneConnection(pool, tables, chunk)))).flat();
}

const PARALLEL_CONNECTIONS = 3;
const MIN_PER_CONNECTION = 16;

async function checkOnOneConnection(
  pool: pg.Pool,
  tables: Map<number, PublishedTable>,
  requests: VisibilityRequest[],
): Promise<Set<number>[]> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("begin");
    const deleteXids = [
      ...new Set(requests.flatMap((r) => r.changes.filter((c) => c.op === "DELETE").map((c) => c.xid))),
    ];
    if (deleteXids.length > 0) await restoreDeletedRows(client, tables, deleteXids);
    const scripts = requests.map((request) => checkScript(client, tables, request));
    const runnable = scripts.filter((script): script is string => script !== null);
    // All claims sets in one round trip; if one fails, each runs alone so only it is hidden.
    let outputs: Set<number>[];
    try {
      outputs = runnable.length > 0 ? await runScripts(client, runnable) : [];
    } catch {
      await client.query("rollback to savepoint visibility").catch(() => {});
      outputs = [];
      for (const script of runnable) {
        outputs.push(
          await runScripts(client, [script]).then(
            (sets) => sets[0] ?? new Set<number>(),
            async () => {
              await client.query("rollback to savepoint visibility").catch(() => {});
              return new Set<number>();
            },
          ),
        );
      }
    }
    let next = 0;
    return scripts.map((script) =>
      script === null ? new Set<number>() : (outputs[next++] ?? new Set<number>()),
    );
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    await client.query("rollback").catch(() => {
      broken = true;
    });
    client.release(broken);
  }
}

async function restoreDeletedRows(
  client: pg.PoolClient,
  tables: Map<number, PublishedTable>,
  xids: string[],
) {
  await client.query("set local session_replication_role = replica");
  const { rows } = await client.query<{ rel: number; rows: Record<string, unknown>[] }>(
    `select rel::int as rel, jsonb_agg(old_row order by id) as rows
     from realtime_local.changes where op = 'DELETE' and xid = any($1::xid8[]) group by rel`,
    [xids],
  );
  for (const { rel, rows: oldRows } of rows) {
    const table = tables.get(rel);
    if (!table) continue;
    const name = qualifiedName(table);
    await client.query("savepoint restore");
    try {
      await client.query(
        `insert into ${name} select * from jsonb_populate_recordset(null::${name}, $1::jsonb) on conflict do nothing`,
        [JSON.stringify(oldRows)],
      );
      await client.query("release savepoint restore");
    } catch {
      await client.query("rollback to savepoint restore");
    }
  }
  await client.query("set local session_replication_role = origin");
}

const STATEMENTS_PER_SCRIPT = 4;

async function runScripts(client: pg.PoolClient, scripts: string[]): Promise<Set<number>[]> {
  const results = (await client.query(scripts.join(";\n"))) as unknown as
    | pg.QueryResult<{ __cid: string }>[]
    | pg.QueryResult<{ __cid: string }>;
  const list = Array.isArray(results) ? results : [results];
  return scripts.map((_, index) => {
    const rows = list[index * STATEMENTS_PER_SCRIPT + 2]?.rows ?? [];
    return new Set(rows.map((row) => Number(row.__cid)));
  });
}

/** savepoint; role + claims; select visible change ids; rollback to savepoint — or null when nothing can be visible. */
function checkScript(
  client: pg.PoolClient,
  tables: Map<number, PublishedTable>,
  { claims, changes }: VisibilityRequest,
): string | null {
  const role = claims.role;
  if (!isSubscriberRole(role)) return null;
  const byTable = new Map<PublishedTable, Record<string, unknown>[]>();
  for (const change of changes) {
    const table = tables.get(change.rel);
    const row = change.op === "DELETE" ? change.oldRow : change.newRow;
    if (!table || !row || table.primaryKey.length === 0 || !table.selectableBy[role]) continue;
    const keys: Record<string, unknown> = { __cid: change.id };
    for (const column of table.primaryKey) keys[column] = row[column];
    const list = byTable.get(table) ?? [];
    list.push(keys);
    byTable.set(table, list);
  }
  if (byTable.size === 0) return null;
  const selects = [...byTable].map(([table, keys]) => {
    const pkTypes = table.primaryKey.map(
      (column) => `${quoteIdent(column)} ${table.keyTypes[column] ?? "text"}`,
    );
    const join = table.primaryKey.map((c) => `t.${quoteIdent(c)} = k.${quoteIdent(c)}`).join(" and ");
    return `select k.__cid from jsonb_to_recordset(${client.escapeLiteral(JSON.stringify(keys))}::jsonb)
      as k(__cid bigint, ${pkTypes.join(", ")})
      where exists (select 1 from ${qualifiedName(table)} t where ${join})`;
  });
  return [
    "savepoint visibility",
    `select set_config('role', ${client.escapeLiteral(role)}, true),
       set_config('request.jwt.claims', ${client.escapeLiteral(JSON.stringify(claims))}, true),
       set_config('request.jwt.claim.sub', ${client.escapeLiteral(String(claims.sub ?? ""))}, true),
       set_config('request.jwt.claim.role', ${client.escapeLiteral(role)}, true)`,
    selects.join("\nunion all\n"),
    "rollback to savepoint visibility",
  ].join(";\n");
}
