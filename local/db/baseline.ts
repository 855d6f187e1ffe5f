import { readFileSync } from "node:fs";
import pg from "pg";

const baselineSql = readFileSync(new URL("./supabase-baseline.sql", import.meta.url), "utf8");
const realtimeSql = readFileSync(new URL("./supabase-realtime-baseline.sql", import.meta.url), "utf8");

// Each part is applied where the table that marks it is missing: a Supabase project has both,
// and a local database made before a part existed gets just that part.
const PARTS = [
  { marker: "auth.users", sql: baselineSql },
  { marker: "realtime.messages", sql: realtimeSql },
];

/**
 * Gives a plain Postgres what a Supabase project already has (roles, the auth schema and its
 * functions, the realtime publication, realtime.messages and realtime.topic()). Never touches
 * a database that has them (a Supabase project).
 */
export async function applySupabaseBaseline(connectionString: string): Promise<"applied" | "present"> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    let applied = false;
    for (const part of PARTS) {
      const { rows } = await client.query<{ present: boolean }>(
        "select to_regclass($1) is not null as present",
        [part.marker],
      );
      if (rows[0]?.present) continue;
      await client.query("begin");
      try {
        await client.query(part.sql);
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw error;
      }
      applied = true;
    }
    return applied ? "applied" : "present";
  } finally {
    await client.end();
  }
}
