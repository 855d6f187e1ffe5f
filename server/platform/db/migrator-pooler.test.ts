import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgBouncer, startPgBouncer } from "@/test/pgbouncer";
import { migrate, TRANSACTION_POOLER_MESSAGE } from "./migrator";

// `db:migrate` holds a session-level advisory lock across its migrations; through a transaction
// pooler that lock is taken on one server connection and the migrations run on others. It must
// say so in one sentence instead of migrating unlocked (or failing somewhere later).

const root = path.resolve(import.meta.dirname, "../../..");
let bouncer: PgBouncer;

beforeAll(async () => {
  bouncer = await startPgBouncer({
    databaseUrl: process.env.DATABASE_URL as string,
    poolSize: 2,
    // Hand out the idle server connection used longest ago, so consecutive statements of one
    // client land on different server connections (as under load).
    settings: { server_round_robin: 1 },
  });
  // Open both server connections: two clients in a transaction at the same time.
  const clients = [new pg.Client(bouncer.url), new pg.Client(bouncer.url)];
  await Promise.all(clients.map((client) => client.connect()));
  await Promise.all(clients.map((client) => client.query("begin")));
  await Promise.all(clients.map((client) => client.query("select pg_backend_pid()")));
  await Promise.all(clients.map((client) => client.query("commit")));
  await Promise.all(clients.map((client) => client.end()));
}, 60_000);

afterAll(async () => {
  await bouncer?.stop();
});

describe("db:migrate against a transaction pooler", () => {
  it("refuses, naming the direct or session connection, when the session is not kept", async () => {
    await expect(migrate(bouncer.url)).rejects.toThrow(TRANSACTION_POOLER_MESSAGE);
  });

  it("refuses Supabase's transaction pooler port before connecting", async () => {
    await expect(migrate("postgresql://postgres.ref:pw@127.0.0.1:6543/postgres")).rejects.toThrow(
      TRANSACTION_POOLER_MESSAGE,
    );
  });

  it("prints that one sentence and exits 1 from the command", () => {
    const run = spawnSync(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "prisma/cli/migrate.ts"],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: bouncer.url },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(TRANSACTION_POOLER_MESSAGE);
  }, 60_000);

  it("still migrates through PgBouncer in session mode", async () => {
    const session = await startPgBouncer({
      databaseUrl: process.env.DATABASE_URL as string,
      poolSize: 2,
      poolMode: "session",
    });
    try {
      const result = await migrate(session.url);
      expect(result.applied).toEqual([]);
      expect(result.skipped.length).toBeGreaterThan(0);
    } finally {
      await session.stop();
    }
  });
});
