import path from "node:path";
import { DEFAULT_DB_PORT } from "../../lib/env/defaults";
import { migrate } from "../app-code";
import { applySupabaseBaseline } from "./baseline";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "./embedded";

export const PROJECT_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
/** Local state (Postgres data, the signing key); TRYLIATE_DATA_DIR moves it (e2e runs use their own). */
export const DATA_DIR = path.resolve(PROJECT_ROOT, process.env.TRYLIATE_DATA_DIR || ".data");

type Options = { databaseUrl?: string; log?: (line: string) => void };

/**
 * With DATABASE_URL: only migrate (a Supabase project already has the baseline).
 * Without: start the embedded Postgres, give it Supabase's baseline, then migrate.
 */
export async function prepareDatabase({
  databaseUrl,
  log = () => {},
}: Options = {}): Promise<EmbeddedDatabase> {
  let database: EmbeddedDatabase;
  if (databaseUrl) {
    database = { url: databaseUrl, stop: async () => {} };
  } else {
    const port = Number(process.env.TRYLIATE_DB_PORT ?? DEFAULT_DB_PORT);
    database = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres"), port, log });
    if ((await applySupabaseBaseline(database.url)) === "applied") log("Applied the Supabase baseline");
  }
  const { applied } = await migrate(database.url);
  log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date");
  return database;
}
