import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "../..");
const nextBin = path.join(repo, "node_modules/next/dist/bin/next");

// The baseline: a bare Next.js route handler that inserts one row and answers, nothing else (no
// session, no checks), built and served by `next start` like the app.
const ROUTE = `import pg from "pg";
const pool = new pg.Pool({ connectionString: process.env.BASELINE_DATABASE_URL, max: 10 });
export async function POST(request) {
  const key = request.headers.get("idempotency-key");
  const body = await request.text();
  const { rows } = await pool.query(
    "insert into bench.webhook_baseline (key, body) values ($1, $2) returning id",
    [key, body],
  );
  return Response.json({ id: rows[0].id }, { status: 200 });
}
`;

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Writes, builds (`next build`) and serves (`next start`) the bare route; the table is made in `bench`. */
export async function startBaselineApp(databaseUrl: string): Promise<{ url: string; stop: () => void }> {
  const dir = path.join(repo, ".data/bench-triggers-baseline");
  mkdirSync(path.join(dir, "app/api/insert"), { recursive: true });
  writeFileSync(path.join(dir, "app/api/insert/route.js"), ROUTE);
  writeFileSync(path.join(dir, "next.config.mjs"), "export default {};\n");
  // Its own (empty) instrumentation: without one, the build picks up the repository's, which checks
  // the app's whole environment at start.
  writeFileSync(path.join(dir, "instrumentation.js"), "export function register() {}\n");
  writeFileSync(path.join(dir, "package.json"), '{ "private": true, "type": "module" }\n');
  const env = { ...process.env, BASELINE_DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" };
  const build = run(["build"], dir, env);
  let log = "";
  build.stdout?.on("data", (chunk) => {
    log += chunk;
  });
  build.stderr?.on("data", (chunk) => {
    log += chunk;
  });
  const code = await new Promise<number>((resolve) => build.on("exit", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`the baseline's next build failed:\n${log}`);
  const port = await freePort();
  const server = run(["start", "-p", String(port), "-H", "127.0.0.1"], dir, env);
  const url = `http://127.0.0.1:${port}/api/insert`;
  for (let tries = 0; ; tries++) {
    const answered = await fetch(url, { method: "GET" }).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (tries > 300) throw new Error("the baseline app did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => server.kill() };
}
