import { readFileSync } from "node:fs";
import type pg from "pg";
import { inTransaction } from "./db";

const schemaSql = readFileSync(new URL("./schema.sql", import.meta.url), "utf8");

/** Creates the Auth tables next to auth.users (idempotent; serialised across concurrent starts). */
export async function ensureAuthSchema(pool: pg.Pool) {
  await inTransaction(pool, async (db) => {
    await db.query("select pg_advisory_xact_lock(hashtext('tryliate.local.auth.schema'))");
    await db.query(schemaSql);
  });
}
