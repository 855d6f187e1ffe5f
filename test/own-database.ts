import pg from "pg";
import { ensureAuthSchema } from "@/local/auth/schema";
import { applySupabaseBaseline } from "@/local/db/baseline";
import { dropDatabase, recreateDatabase } from "@/local/db/embedded";
import { migrate } from "@/server/platform/db/migrator";

/** The Supabase baseline, the app's migrations, and the Auth tables the local Auth server would create. */
export async function prepareTestDatabase(url: string): Promise<void> {
  await applySupabaseBaseline(url);
  await migrate(url);
  // auth.sessions and friends: test users get sessions, which every request transaction checks.
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  await ensureAuthSchema(pool).finally(() => pool.end());
}

/**
 * A migrated database of a test file's own, on the test cluster, for tests that act on every row
 * of a table (test files run in parallel on the shared database and leave rows behind).
 */
export async function ownDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.TRYLIATE_TEST_SERVER_URL ?? "";
  const name = `tryliate_test_${label}_${process.pid}`;
  const url = await recreateDatabase(serverUrl, name);
  await prepareTestDatabase(url);
  return { url, drop: () => dropDatabase(serverUrl, name) };
}
