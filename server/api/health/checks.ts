import { readdirSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { type AssistantCheck, checkAssistant, checkRunEngine, type RunsCheck } from "./configuration";

export type CheckResult = { ok: boolean; detail?: string };
export type HealthReport = {
  status: "ok" | "failing";
  checks: {
    database: CheckResult;
    migrations: CheckResult & { pending?: string[] };
    auth: CheckResult;
    runs: RunsCheck;
    assistant: AssistantCheck;
  };
};

type Options = {
  prisma: PrismaClient;
  supabaseUrl: string;
  migrationsDir: string;
  timeoutMs?: number;
  /** Where the run engine and AI provider settings are read (the process environment by default). */
  env?: Record<string, string | undefined>;
};

/**
 * What an operator needs after a deploy: the database answers, every migration the code expects
 * is applied, Supabase Auth's signing keys can be fetched, a run engine can run workflows here, and
 * which AI provider (if any) is configured. Names and counts only: never a connection string, a
 * key, an error text from the driver, or a user's data.
 */
export async function checkHealth({
  prisma,
  supabaseUrl,
  migrationsDir,
  timeoutMs = 5_000,
  env = process.env,
}: Options): Promise<HealthReport> {
  const [database, auth] = await Promise.all([
    checkDatabase(prisma, timeoutMs),
    checkAuthKeys(supabaseUrl, timeoutMs),
  ]);
  const migrations = database.ok
    ? await checkMigrations(prisma, migrationsDir)
    : { ok: false, detail: "database unreachable" };
  const runs = checkRunEngine(env);
  const assistant = checkAssistant(env);
  const ok = database.ok && migrations.ok && auth.ok && runs.ok && assistant.ok;
  return { status: ok ? "ok" : "failing", checks: { database, migrations, auth, runs, assistant } };
}

async function checkDatabase(prisma: PrismaClient, timeoutMs: number): Promise<CheckResult> {
  try {
    await withTimeout(prisma.$queryRaw`select 1`, timeoutMs);
    return { ok: true };
  } catch {
    return { ok: false, detail: "unreachable" };
  }
}

async function checkMigrations(
  prisma: PrismaClient,
  dir: string,
): Promise<CheckResult & { pending?: string[] }> {
  const expected = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  let applied: Set<string>;
  try {
    const rows = await prisma.$queryRaw<Array<{ migration_name: string }>>`
      select migration_name from "_prisma_migrations" where finished_at is not null and rolled_back_at is null`;
    applied = new Set(rows.map((row) => row.migration_name));
  } catch {
    applied = new Set();
  }
  const pending = expected.filter((name) => !applied.has(name));
  if (pending.length === 0) return { ok: true, detail: `${expected.length} applied` };
  return { ok: false, detail: "run npm run db:migrate against the direct connection", pending };
}

async function checkAuthKeys(supabaseUrl: string, timeoutMs: number): Promise<CheckResult> {
  try {
    const response = await fetch(`${supabaseUrl}/auth/v1/.well-known/jwks.json`, {
      signal: AbortSignal.timeout(timeoutMs),
      cache: "no-store",
    });
    if (!response.ok) return { ok: false, detail: `JWKS answered ${response.status}` };
    const body = (await response.json()) as { keys?: unknown };
    if (!Array.isArray(body.keys)) return { ok: false, detail: "JWKS is not a key set" };
    // An empty set is a project on the legacy JWT secret: sessions still work, verified by Auth.
    return {
      ok: true,
      detail: body.keys.length ? `${body.keys.length} signing key(s)` : "no asymmetric signing key",
    };
  } catch {
    return { ok: false, detail: "unreachable" };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref?.()),
  ]);
}

/** Where the deployed app finds prisma/migrations (traced into the health function by next.config.ts). */
export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
