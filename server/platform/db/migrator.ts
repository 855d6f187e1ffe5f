import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

// Prisma's own lock id, so `prisma migrate deploy` and this runner never run at the same time.
const PRISMA_ADVISORY_LOCK = 72707369;

export const DEFAULT_MIGRATIONS_DIR = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  "../../../prisma/migrations",
);

export type MigrationFile = { name: string; sql: string; checksum: string };
export type MigrationResult = { applied: string[]; skipped: string[] };

export class MigrationError extends Error {}

export const TRANSACTION_POOLER_MESSAGE =
  "DATABASE_URL points at a transaction pooler, which does not keep a session between transactions: run db:migrate against the direct connection (db.<ref>.supabase.co:5432) or the session pooler (port 5432) instead.";

/** Supabase's transaction pooler listens on 6543; `pgbouncer=true` is Prisma's mark for one. */
function looksLikeTransactionPooler(connectionString: string): boolean {
  try {
    const url = new URL(connectionString);
    return url.port === "6543" || url.searchParams.get("pgbouncer") === "true";
  } catch {
    return false;
  }
}

/**
 * The advisory lock is held by a session: if this statement runs on another server connection than
 * the one that took it (a transaction pooler hands them out per transaction), nothing is locked.
 */
async function assertSessionKept(client: pg.Client) {
  const { rows } = await client.query<{ held: boolean }>(
    `select exists (select 1 from pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid()
                      and ((classid::bigint << 32) | objid::bigint) = $1) as held`,
    [PRISMA_ADVISORY_LOCK],
  );
  if (!rows[0]?.held) throw new MigrationError(TRANSACTION_POOLER_MESSAGE);
}

export function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

// The same table `prisma migrate deploy` creates, so both tools read each other's records.
const CREATE_MIGRATIONS_TABLE = `
  create table if not exists "_prisma_migrations" (
    "id" varchar(36) primary key not null,
    "checksum" varchar(64) not null,
    "finished_at" timestamptz,
    "migration_name" varchar(255) not null,
    "logs" text,
    "rolled_back_at" timestamptz,
    "started_at" timestamptz not null default now(),
    "applied_steps_count" integer not null default 0
  )`;

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null };

function checkHistory(files: MigrationFile[], rows: AppliedRow[]) {
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const row of rows) {
    const file = byName.get(row.migration_name);
    if (!row.finished_at) {
      throw new MigrationError(
        `Migration ${row.migration_name} was started but never finished. Inspect the database, then mark it resolved (prisma migrate resolve) before migrating again.`,
      );
    }
    if (file && file.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was edited after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ${file.checksum.slice(0, 12)}… on disk). Restore the original file and put the change in a new migration.`,
      );
    }
  }
}

/** Applies every pending migration, each in its own transaction together with its record. */
export async function migrate(
  connectionString: string,
  dir = DEFAULT_MIGRATIONS_DIR,
): Promise<MigrationResult> {
  if (looksLikeTransactionPooler(connectionString)) throw new MigrationError(TRANSACTION_POOLER_MESSAGE);
  const files = readMigrations(dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await assertSessionKept(client);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<AppliedRow>(
      `select migration_name, checksum, finished_at from "_prisma_migrations" where rolled_back_at is null`,
    );
    checkHistory(files, rows);
    const done = new Set(rows.map((row) => row.migration_name));
    const result: MigrationResult = { applied: [], skipped: [] };
    for (const file of files) {
      if (done.has(file.name)) {
        result.skipped.push(file.name);
        continue;
      }
      await applyOne(client, file);
      result.applied.push(file.name);
    }
    return result;
  } finally {
    await client.query("select pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
}

async function applyOne(client: pg.Client, file: MigrationFile) {
  await client.query("begin");
  try {
    await assertSessionKept(client);
    await client.query(file.sql);
    await client.query(
      `insert into "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       values ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), file.checksum, file.name],
    );
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    if (error instanceof MigrationError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${file.name} failed and was rolled back: ${reason}`);
  }
}
