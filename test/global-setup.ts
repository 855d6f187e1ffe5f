import path from "node:path";
import { dropDatabase, recreateDatabase, startEmbeddedPostgres } from "@/local/db/embedded";
import { DATA_DIR } from "@/local/db/prepare";
import { prepareTestDatabase } from "./own-database";

// Integration tests run against a real Postgres: DATABASE_URL when set (it must already have
// the Supabase baseline, or be a plain Postgres we may give it to), else an embedded cluster of
// their own, apart from the dev one, with a fresh database each run.
export default async function setup() {
  const given = process.env.DATABASE_URL;
  let stop = async () => {};
  let serverUrl: string;
  let databaseUrl: string;
  if (given) {
    serverUrl = given;
    databaseUrl = given;
  } else {
    const port = Number(process.env.TRYLIATE_TEST_DB_PORT ?? 54330);
    const server = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres-test"), port });
    serverUrl = server.url;
    // A database of its own per run, so parallel runs on one cluster never meet.
    const name = `tryliate_test_${process.pid}`;
    databaseUrl = await recreateDatabase(server.url, name);
    stop = async () => {
      await dropDatabase(server.url, name);
      await server.stop();
    };
  }
  await prepareTestDatabase(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  process.env.TRYLIATE_TEST_SERVER_URL = serverUrl;
  return stop;
}
