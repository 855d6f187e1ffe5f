import { readFileSync } from "node:fs";
import pg from "pg";

const baselineSql = readFileSync(new URL("./supabase-baseline.sql", import.meta.url), "utf8");

/**
 * Gives a plain Postgres what a Supabase project already has (roles, the auth schema and its
 * functions, the realtime publication). Never touches a database that has auth.users.
 */
export async function applySupabaseBaseline(connectionString: string): Promise<"applied" | "present"> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ present: boolean }>(
      "select to_regclass('auth.users') is not null as present",
    );
    if (rows[0]?.present) return "present";
    await client.query("begin");
    try {
      await client.query(baselineSql);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback");
      throw error;
    }
    return "applied";
  } finally {
    await client.end();
  }
}
