import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AuthSettings } from "@/local/auth/settings";
import { type LocalStackConfig, localStackConfig } from "@/local/config";
import { type LocalStack, startLocalSupabase } from "@/local/server";

/**
 * Starts the local Supabase (Auth + Realtime) on a free port over the test database that
 * test/global-setup.ts prepared, with a signing key of its own.
 */
export async function startTestStack(
  overrides: Omit<Partial<LocalStackConfig>, "auth"> & { auth?: Partial<AuthSettings> } = {},
): Promise<LocalStack> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set: run the tests through vitest (global setup)");
  const { auth, ...rest } = overrides;
  const config = localStackConfig({
    databaseUrl,
    port: 0,
    dataDir: mkdtempSync(path.join(tmpdir(), "tryliate-stack-")),
    // Test files sign in far more often than a person; the limit has tests of its own.
    signInRateLimit: 10_000,
    ...rest,
  });
  config.auth = {
    ...config.auth,
    // Most tests sign up and go on signed in; the email flows' tests turn confirmation on.
    mailerAutoconfirm: true,
    // Tests send emails back to back; the frequency limit has tests of its own.
    emailMaxFrequency: 0,
    emailRateLimit: 10_000,
    mfaVerifyRateLimit: 10_000,
    verifyRateLimit: 10_000,
    siteUrl: "http://localhost:3000",
    ...auth,
  };
  return startLocalSupabase(config);
}
