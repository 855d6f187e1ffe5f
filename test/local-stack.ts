import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { localStackConfig, type LocalStackConfig } from "../local/config";
import { type LocalStack, startLocalSupabase } from "../local/server";

/**
 * Starts the local Supabase (Auth + Realtime) on a free port over the test database that
 * test/global-setup.ts prepared, with a signing key of its own.
 */
export async function startTestStack(overrides: Partial<LocalStackConfig> = {}): Promise<LocalStack> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set: run the tests through vitest (global setup)");
  return startLocalSupabase(
    localStackConfig({
      databaseUrl,
      port: 0,
      dataDir: mkdtempSync(path.join(tmpdir(), "tryliate-stack-")),
      // Test files sign in far more often than a person; the limit has tests of its own.
      signInRateLimit: 10_000,
      ...overrides,
    }),
  );
}
