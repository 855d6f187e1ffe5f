import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const PGBOUNCER = process.env.PGBOUNCER_BIN ?? "/usr/sbin/pgbouncer";

export type PgBouncer = { url: string; port: number; stop: () => Promise<void> };

type Options = {
  /** The real Postgres database to pool (a postgresql:// URL with user and password). */
  databaseUrl: string;
  /** Server connections PgBouncer may open to that database. */
  poolSize: number;
  poolMode?: "transaction" | "session";
  /** Extra [pgbouncer] settings. */
  settings?: Record<string, string | number>;
};

/** A free TCP port on 127.0.0.1 (closed again before it is returned). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts Debian's PgBouncer in front of a database, on a free port, the way Supabase's transaction
 * pooler sits in front of a project: clients are handed a server connection per transaction.
 * PgBouncer refuses to run as root; then it runs as the `postgres` OS user.
 */
export async function startPgBouncer({
  databaseUrl,
  poolSize,
  poolMode = "transaction",
  settings = {},
}: Options): Promise<PgBouncer> {
  const target = new URL(databaseUrl);
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "tryliate-pgbouncer-"));
  const dbname = decodeURIComponent(target.pathname.slice(1)) || "postgres";
  const lines = [
    "[databases]",
    `app = host=${target.hostname} port=${target.port || 5432} dbname=${dbname} user=${decodeURIComponent(target.username)} password=${decodeURIComponent(target.password)} pool_size=${poolSize}`,
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    "unix_socket_dir =",
    // Any client name is accepted without a password; the server login is the one above.
    "auth_type = any",
    `pool_mode = ${poolMode}`,
    `default_pool_size = ${poolSize}`,
    "max_client_conn = 500",
    "ignore_startup_parameters = extra_float_digits,options",
    "log_connections = 0",
    "log_disconnections = 0",
    ...Object.entries(settings).map(([key, value]) => `${key} = ${value}`),
  ];
  const config = path.join(dir, "pgbouncer.ini");
  writeFileSync(config, `${lines.join("\n")}\n`);
  chmodSync(dir, 0o755);
  chmodSync(config, 0o644);
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(PGBOUNCER, [config], {
    stdio: ["ignore", "ignore", "pipe"],
    ...(asRoot ? { uid: Number(idOf("-u")), gid: Number(idOf("-g")) } : {}),
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await waitForPort(port, child);
  } catch (error) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PgBouncer did not start: ${(error as Error).message}\n${stderr}`);
  }
  return {
    url: `postgresql://tryliate@127.0.0.1:${port}/app`,
    port,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function idOf(flag: "-u" | "-g"): string {
  return execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim();
}

async function waitForPort(port: number, child: ChildProcess) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listening on ${port}`);
}
