import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applySupabaseBaseline } from "@/local/db/baseline";
import { dropDatabase, recreateDatabase } from "@/local/db/embedded";
import { schemaFingerprint } from "@/local/db/schema-fingerprint";
import { DEFAULT_MIGRATIONS_DIR, MigrationError, migrate, readMigrations } from "./migrator";

const serverUrl = process.env.TRYLIATE_TEST_SERVER_URL ?? "";
const created: string[] = [];

async function freshDatabase(label: string): Promise<string> {
  const name = `migrator_${label}_${process.pid}`;
  created.push(name);
  const url = await recreateDatabase(serverUrl, name);
  await applySupabaseBaseline(url);
  return url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

afterAll(async () => {
  for (const name of created) await dropDatabase(serverUrl, name);
});

describe("migrate", () => {
  it("applies the project's migrations to a fresh database and records them as Prisma does", async () => {
    const url = await freshDatabase("fresh");
    const result = await migrate(url);
    const files = readMigrations();
    expect(result.applied).toEqual(files.map((file) => file.name));

    const rows = await query<{ migration_name: string; checksum: string; finished: boolean; steps: number }>(
      url,
      `select migration_name, checksum, finished_at is not null as finished, applied_steps_count as steps
         from _prisma_migrations order by migration_name`,
    );
    expect(rows).toEqual(
      files.map((file) => ({ migration_name: file.name, checksum: file.checksum, finished: true, steps: 1 })),
    );
    // Prisma's checksum is the sha256 of the file as written.
    const first = files[0];
    expect(first?.checksum).toMatch(/^[0-9a-f]{64}$/);
    const onDisk = readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, first?.name ?? "", "migration.sql"));
    const { createHash } = await import("node:crypto");
    expect(createHash("sha256").update(onDisk).digest("hex")).toBe(first?.checksum);
  });

  it("is a no-op the second time", async () => {
    const url = await freshDatabase("repeat");
    await migrate(url);
    const before = await schemaFingerprint(url);
    const again = await migrate(url);
    expect(again.applied).toEqual([]);
    expect(again.skipped).toHaveLength(readMigrations().length);
    expect(await schemaFingerprint(url)).toBe(before);
    const [count] = await query<{ n: number }>(url, "select count(*)::int as n from _prisma_migrations");
    expect(count?.n).toBe(readMigrations().length);
  });

  it("refuses a migration edited after it was applied, and changes nothing", async () => {
    const url = await freshDatabase("tampered");
    const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    await migrate(url, dir);
    const name = readMigrations(dir)[0]?.name ?? "";
    const file = path.join(dir, name, "migration.sql");
    writeFileSync(file, `${readFileSync(file, "utf8")}\ncreate table public.sneaky (id int);\n`);
    mkdirSync(path.join(dir, "29990101000000_later"));
    writeFileSync(
      path.join(dir, "29990101000000_later", "migration.sql"),
      "create table public.later (id int);",
    );

    await expect(migrate(url, dir)).rejects.toThrow(MigrationError);
    await expect(migrate(url, dir)).rejects.toThrow(`Migration ${name} was edited after it was applied`);
    const tables = await query(url, "select 1 from pg_tables where tablename in ('sneaky', 'later')");
    expect(tables).toHaveLength(0);
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    const url = await freshDatabase("failing");
    const dir = migrationsDir({
      "20260101000000_good": "create table public.good (id int primary key);",
      "20260102000000_bad":
        "create table public.half_done (id int);\ninsert into public.good values (1);\nselect 1/0;",
    });
    await expect(migrate(url, dir)).rejects.toThrow(
      /Migration 20260102000000_bad failed and was rolled back: division by zero/,
    );
    expect(await query(url, "select 1 from pg_tables where tablename = 'half_done'")).toHaveLength(0);
    expect(await query(url, "select * from public.good")).toHaveLength(0);
    const recorded = await query<{ migration_name: string }>(
      url,
      "select migration_name from _prisma_migrations",
    );
    expect(recorded.map((row) => row.migration_name)).toEqual(["20260101000000_good"]);

    // Once fixed, the next run picks up where it stopped.
    writeFileSync(
      path.join(dir, "20260102000000_bad", "migration.sql"),
      "create table public.half_done (id int);",
    );
    expect((await migrate(url, dir)).applied).toEqual(["20260102000000_bad"]);
  });
});

describe("Supabase baseline", () => {
  it("is never applied where auth.users already exists", async () => {
    const url = await freshDatabase("baseline");
    await query(url, "comment on table auth.users is 'kept'");
    expect(await applySupabaseBaseline(url)).toBe("present");
    const [row] = await query<{ comment: string }>(
      url,
      "select obj_description('auth.users'::regclass) as comment",
    );
    expect(row?.comment).toBe("kept");
  });

  it("gives a local database made before realtime.messages existed just that part", async () => {
    const url = await freshDatabase("realtime_part");
    await query(url, "drop schema realtime cascade");
    await query(url, "comment on table auth.users is 'kept'");
    expect(await applySupabaseBaseline(url)).toBe("applied");
    const [row] = await query<{ comment: string; topic: string | null }>(
      url,
      `select obj_description('auth.users'::regclass) as comment,
              (select set_config('realtime.topic', 'workflow:1', true)) is not null and realtime.topic() = 'workflow:1' as topic`,
    );
    expect(row).toEqual({ comment: "kept", topic: true });
    expect(await applySupabaseBaseline(url)).toBe("present");
  });

  it("makes auth.uid(), auth.role() and auth.jwt() read request.jwt.claims like Supabase", async () => {
    const url = await freshDatabase("claims");
    const [row] = await query<{ uid: string; role: string; jwt: { app_metadata: { role: string } } }>(
      url,
      `select set_config('request.jwt.claims', '{"sub":"8d0f2a36-5d8e-4a8e-9a44-2f8e3b8f1c11","role":"authenticated","app_metadata":{"role":"admin"}}', false),
              auth.uid() as uid, auth.role() as role, auth.jwt() as jwt`,
    );
    expect(row?.uid).toBe("8d0f2a36-5d8e-4a8e-9a44-2f8e3b8f1c11");
    expect(row?.role).toBe("authenticated");
    expect(row?.jwt.app_metadata.role).toBe("admin");
  });
});
