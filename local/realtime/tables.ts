import { readFileSync } from "node:fs";
import type pg from "pg";

const schemaSql = readFileSync(new URL("./schema.sql", import.meta.url), "utf8");

/** Roles a subscription may run as; any other JWT role receives nothing. */
export const SUBSCRIBER_ROLES = ["anon", "authenticated", "service_role"] as const;
export type SubscriberRole = (typeof SUBSCRIBER_ROLES)[number];

export type TableColumn = {
  name: string;
  type: string;
  /** SQL type for casts (format_type). */
  sqlType: string;
  selectableBy: Record<SubscriberRole, boolean>;
};

export type PublishedTable = {
  oid: number;
  schema: string;
  table: string;
  /** Published columns (publication column list), in attribute order. */
  columns: TableColumn[];
  primaryKey: string[];
  /** SQL types of the primary key columns (published or not). */
  keyTypes: Record<string, string>;
  rowSecurity: boolean;
  replicaIdentityFull: boolean;
  selectableBy: Record<SubscriberRole, boolean>;
};

/** Creates realtime_local (once per database, serialized against concurrent starts). */
export async function installCaptureSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock(hashtext('realtime_local.install'))");
    await client.query(schemaSql);
    await client.query("select realtime_local.sync_triggers()");
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function syncTriggers(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock(hashtext('realtime_local.install'))");
    await client.query("select realtime_local.sync_triggers()");
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const privilegeColumns = SUBSCRIBER_ROLES.map(
  (role) => `has_column_privilege('${role}', c.oid, a.attnum, 'SELECT') as "col_${role}",
    has_table_privilege('${role}', c.oid, 'SELECT') as "tab_${role}"`,
).join(",\n");

type Row = {
  oid: number;
  schema: string;
  table: string;
  name: string;
  type: string;
  sql_type: string;
  is_pk: boolean;
  rowsecurity: boolean;
  replident: string;
} & Record<string, unknown>;

/** Reads the publication's tables with their published columns, keys and privileges. */
export async function loadPublishedTables(pool: pg.Pool): Promise<Map<number, PublishedTable>> {
  const { rows } = await pool.query<Row>(`
    select c.oid::int as oid, p.schemaname as schema, p.tablename as "table", a.attname as name,
      t.typname as type, format_type(a.atttypid, a.atttypmod) as sql_type,
      coalesce(a.attnum = any(i.indkey), false) as is_pk,
      c.relrowsecurity as rowsecurity, c.relreplident::text as replident,
      ${privilegeColumns}
    from pg_publication_tables p
    join pg_namespace n on n.nspname = p.schemaname
    join pg_class c on c.relnamespace = n.oid and c.relname = p.tablename
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    join pg_type t on t.oid = a.atttypid
    left join pg_index i on i.indrelid = c.oid and i.indisprimary
    where p.pubname = 'supabase_realtime'
    order by c.oid, a.attnum`);
  const tables = new Map<number, PublishedTable>();
  const published = await publishedColumnNames(pool);
  for (const row of rows) {
    let table = tables.get(row.oid);
    if (!table) {
      table = {
        oid: row.oid,
        schema: row.schema,
        table: row.table,
        columns: [],
        primaryKey: [],
        keyTypes: {},
        rowSecurity: row.rowsecurity,
        replicaIdentityFull: row.replident === "f",
        selectableBy: byRole((role) => row[`tab_${role}`] === true),
      };
      tables.set(row.oid, table);
    }
    if (row.is_pk) {
      table.primaryKey.push(row.name);
      table.keyTypes[row.name] = row.sql_type;
    }
    if (!published.get(row.oid)?.has(row.name)) continue;
    table.columns.push({
      name: row.name,
      type: row.type,
      sqlType: row.sql_type,
      selectableBy: byRole((role) => row[`col_${role}`] === true),
    });
  }
  return tables;
}

async function publishedColumnNames(pool: pg.Pool): Promise<Map<number, Set<string>>> {
  const { rows } = await pool.query<{ oid: number; attnames: string[] }>(`
    select c.oid::int as oid, p.attnames::text[] as attnames
    from pg_publication_tables p
    join pg_namespace n on n.nspname = p.schemaname
    join pg_class c on c.relnamespace = n.oid and c.relname = p.tablename
    where p.pubname = 'supabase_realtime'`);
  return new Map(rows.map((row) => [row.oid, new Set(row.attnames)]));
}

function byRole(pick: (role: SubscriberRole) => boolean): Record<SubscriberRole, boolean> {
  return Object.fromEntries(SUBSCRIBER_ROLES.map((role) => [role, pick(role)])) as Record<
    SubscriberRole,
    boolean
  >;
}

export function isSubscriberRole(role: unknown): role is SubscriberRole {
  return typeof role === "string" && (SUBSCRIBER_ROLES as readonly string[]).includes(role);
}
