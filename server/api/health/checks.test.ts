import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "@/local/server";
import { getPrisma } from "@/server/platform/db/client";
import { DEFAULT_MIGRATIONS_DIR } from "@/server/platform/db/migrator";
import { SERVERLESS_WITHOUT_INNGEST } from "@/server/runs/config";
import { startTestStack } from "@/test/local-stack";
import { checkHealth } from "./checks";

// Against the test Postgres (migrated by the global setup) and a real local Auth server.

let stack: LocalStack;
const databaseUrl = () => process.env.DATABASE_URL as string;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.close();
});

/** The report for the test Postgres and Auth server, with the given run engine and AI provider settings. */
const reportWith = (env: Record<string, string>) =>
  checkHealth({
    prisma: getPrisma(databaseUrl()),
    supabaseUrl: stack.url,
    migrationsDir: DEFAULT_MIGRATIONS_DIR,
    // A cold first connection on a busy machine can pass the 5 s default; these tests are not about time.
    timeoutMs: 30_000,
    env,
  });

describe("health checks", () => {
  it("reports ok when the database answers, every migration is applied and the JWKS is served", async () => {
    const report = await reportWith({ OPENAI_API_KEY: "sk-health-test-secret" });
    expect(report.status).toBe("ok");
    expect(report.checks.database.ok).toBe(true);
    expect(report.checks.migrations).toMatchObject({ ok: true });
    expect(report.checks.auth).toEqual({ ok: true, detail: "1 signing key(s)" });
    expect(report.checks.runs).toEqual({ ok: true, engine: "in-process", serverless: false });
    expect(report.checks.assistant).toEqual({
      ok: true,
      configured: true,
      provider: "openai",
      model: "gpt-4.1-mini",
    });
    expect(JSON.stringify(report)).not.toContain("sk-health-test-secret");
  });

  it("fails on a serverless host without Inngest, saying what to configure", async () => {
    const report = await reportWith({ VERCEL: "1" });
    expect(report.status).toBe("failing");
    expect(report.checks.database.ok).toBe(true);
    expect(report.checks.runs).toEqual({
      ok: false,
      engine: null,
      serverless: true,
      detail: SERVERLESS_WITHOUT_INNGEST,
    });
  });

  it("names a migration the database has not had", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tryliate-health-"));
    cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    mkdirSync(path.join(dir, "29991231000000_not_yet"));
    writeFileSync(path.join(dir, "29991231000000_not_yet", "migration.sql"), "select 1;");
    const report = await checkHealth({
      prisma: getPrisma(databaseUrl()),
      supabaseUrl: stack.url,
      migrationsDir: dir,
    });
    expect(report.status).toBe("failing");
    expect(report.checks.migrations).toMatchObject({ ok: false, pending: ["29991231000000_not_yet"] });
    expect(report.checks.database.ok).toBe(true);
  });

  it("fails on an unreachable database and Auth server without echoing the addresses", async () => {
    const port = await closedPort();
    const secretUrl = `postgresql://postgres:hunter2-secret@127.0.0.1:${port}/postgres`;
    const report = await checkHealth({
      prisma: getPrisma(secretUrl),
      supabaseUrl: `http://127.0.0.1:${port}`,
      migrationsDir: DEFAULT_MIGRATIONS_DIR,
      timeoutMs: 3_000,
      env: {},
    });
    expect(report).toEqual({
      status: "failing",
      checks: {
        database: { ok: false, detail: "unreachable" },
        migrations: { ok: false, detail: "database unreachable" },
        auth: { ok: false, detail: "unreachable" },
        runs: { ok: true, engine: "in-process", serverless: false },
        assistant: { ok: true, configured: false },
      },
    });
    expect(JSON.stringify(report)).not.toMatch(/hunter2|127\.0\.0\.1/);
  });
});
