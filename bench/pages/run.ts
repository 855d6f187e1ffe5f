/**
 * npm run bench:pages — how heavy the editor route and /login are to open:
 *  1. the production JavaScript each ships (every script its first load runs: the framework, the
 *     layouts' and the page's chunks), raw and gzipped, from a production build's manifests;
 *  2. the dev server's first compile of each (`npm run dev` cold: a fresh build folder), timed
 *     from the first request to the page and every script it names answered.
 * Prints the figures beside those of the previous run (kept in .data/bench-pages.json).
 *
 * The production build: E2E_NEXT_DIST_DIR's (the e2e stack builds it), else `next build` into
 * .next-bench. The dev stack runs on npm run dev's variables (PORT, TRYLIATE_DB_PORT, …) with
 * its own data folder and build folder; BENCH_SKIP_DEV=1 skips the dev half.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { createServerClient } from "@supabase/ssr";
import pg from "pg";
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SUPABASE_PORT, DEMO_USER } from "../../lib/env/defaults";

const ROOT = path.resolve(import.meta.dirname, "../..");
const RESULTS = path.join(ROOT, ".data/bench-pages.json");
const ROUTES = {
  editor: { manifest: "server/app/(app)/workflows/[id]/page_client-reference-manifest.js" },
  login: { manifest: "server/app/(auth)/login/page_client-reference-manifest.js" },
} as const;
type RouteName = keyof typeof ROUTES;
type Figures = Record<RouteName, { jsBytes: number; jsGzipBytes: number; devFirstCompileMs?: number }>;

function productionBuild(): string {
  const e2e = process.env.E2E_NEXT_DIST_DIR;
  if (e2e && existsSync(path.join(ROOT, e2e, "BUILD_ID"))) return path.join(ROOT, e2e);
  const dist = ".next-bench";
  console.log(`building the app into ${dist} (next build)…`);
  execFileSync("npx", ["next", "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, TRYLIATE_NEXT_DIST_DIR: dist, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return path.join(ROOT, dist);
}

/** Every script a first load of the route runs: the root main files and each segment's entry chunks. */
function routeScripts(dist: string, route: RouteName): string[] {
  const sandbox: {
    globalThis?: unknown;
    __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }>;
  } = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(path.join(dist, ROUTES[route].manifest), "utf8"), sandbox);
  const manifest = Object.values(sandbox.__RSC_MANIFEST ?? {})[0];
  if (!manifest) throw new Error(`no client manifest for ${route}`);
  const build = JSON.parse(readFileSync(path.join(dist, "build-manifest.json"), "utf8")) as {
    rootMainFiles?: string[];
  };
  return [...new Set([...(build.rootMainFiles ?? []), ...Object.values(manifest.entryJSFiles).flat()])];
}

function shippedJs(dist: string, route: RouteName) {
  let jsBytes = 0;
  let jsGzipBytes = 0;
  for (const file of routeScripts(dist, route)) {
    const body = readFileSync(path.join(dist, file));
    jsBytes += body.length;
    jsGzipBytes += gzipSync(body).length;
  }
  return { jsBytes, jsGzipBytes };
}

/**
 * Starts `npm run dev` (the CLI) cold and resolves once it says it is ready. The CLI waits for
 * /login to answer before it says so: /login's first compile is the time from Next's banner to
 * that line.
 */
async function startDevStack(): Promise<{ child: ChildProcess; appUrl: string; loginMs: number }> {
  const distDir = ".next-bench-dev";
  rmSync(path.join(ROOT, distDir), { recursive: true, force: true });
  const appUrl = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const child = spawn("npx", ["tsx", "local/cli/dev.ts"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      TRYLIATE_NEXT_DIST_DIR: distDir,
      TRYLIATE_DATA_DIR: process.env.TRYLIATE_DATA_DIR ?? ".data/bench-pages",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let nextStarted = 0;
  const loginMs = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the dev stack stopped (exit ${code})`)));
    lines.on("line", (line) => {
      if (!nextStarted && line.includes("Next.js")) nextStarted = performance.now();
      if (line.includes("Tryliate is ready")) resolve(performance.now() - nextStarted);
    });
  });
  return { child, appUrl, loginMs };
}

async function demoCookies(): Promise<string> {
  const jar = new Map<string, string>();
  const supabaseUrl = `http://127.0.0.1:${process.env.TRYLIATE_SUPABASE_PORT ?? DEFAULT_SUPABASE_PORT}`;
  const supabase = createServerClient(supabaseUrl, DEFAULT_PUBLISHABLE_KEY, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => {
        for (const { name, value } of cookies) jar.set(name, value);
      },
    },
  });
  const { error } = await supabase.auth.signInWithPassword(DEMO_USER);
  if (error) throw new Error(`could not sign in the demo user: ${error.message}`);
  for (let i = 0; i < 50 && jar.size === 0; i++) await new Promise((r) => setTimeout(r, 20));
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** A workflow of the demo user, made straight in the dev stack's database. */
async function demoWorkflow(): Promise<string> {
  const client = new pg.Client({
    connectionString: `postgresql://postgres:postgres@127.0.0.1:${process.env.TRYLIATE_DB_PORT ?? 54322}/postgres`,
  });
  await client.connect();
  try {
    const id = randomUUID();
    await client.query(
      "insert into public.workflows (id, user_id, name) select $1, id, 'bench:pages' from auth.users where email = $2",
      [id, DEMO_USER.email],
    );
    return id;
  } finally {
    await client.end();
  }
}

/** Time from the first request to the page until it and every script it names have answered. */
async function firstCompile(appUrl: string, pagePath: string, cookie?: string): Promise<number> {
  const headers = cookie ? { cookie } : undefined;
  const started = performance.now();
  const response = await fetch(`${appUrl}${pagePath}`, { headers, redirect: "manual" });
  if (!response.ok) throw new Error(`${pagePath} answered ${response.status}`);
  const html = await response.text();
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1] as string);
  await Promise.all(
    scripts.map((src) => fetch(new URL(src, appUrl), { headers }).then((r) => r.arrayBuffer())),
  );
  return performance.now() - started;
}

async function devFirstCompiles(): Promise<Record<RouteName, number>> {
  const { child, appUrl, loginMs: login } = await startDevStack();
  try {
    const cookie = await demoCookies();
    const editor = await firstCompile(appUrl, `/workflows/${await demoWorkflow()}`, cookie);
    return { login, editor };
  } finally {
    if (child.pid) process.kill(-child.pid, "SIGINT");
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const seconds = (ms: number | undefined) => (ms === undefined ? "–" : `${(ms / 1000).toFixed(1)} s`);

async function main() {
  const previous: Partial<Figures> = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, "utf8")) : {};
  const dist = productionBuild();
  const compiles = process.env.BENCH_SKIP_DEV ? undefined : await devFirstCompiles();
  const figures = Object.fromEntries(
    (Object.keys(ROUTES) as RouteName[]).map((route) => [
      route,
      { ...shippedJs(dist, route), devFirstCompileMs: compiles?.[route] },
    ]),
  ) as Figures;

  console.log("\nroute    production JS (gzip)          dev first compile   previous run");
  for (const route of Object.keys(ROUTES) as RouteName[]) {
    const now = figures[route];
    const before = previous[route];
    console.log(
      `${route.padEnd(8)} ${`${kib(now.jsBytes)} (${kib(now.jsGzipBytes)})`.padEnd(29)} ${seconds(now.devFirstCompileMs).padEnd(19)} ${
        before
          ? `${kib(before.jsBytes)} (${kib(before.jsGzipBytes)}), ${seconds(before.devFirstCompileMs)}`
          : "none"
      }`,
    );
  }
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(figures, null, 2));
}

await main();
