import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layer rules live in biome.json (noRestrictedImports per folder). These cases write a probe
// file into a throwaway folder inside the real tree, lint it with the project's Biome and read the
// verdict, so a rule that stops matching (a renamed folder, a pattern typo) fails here.
const ROOT = path.resolve(import.meta.dirname, "..");
const BIOME = path.join(ROOT, "node_modules", "@biomejs", "biome", "bin", "biome");
const RULE = "lint/style/noRestrictedImports";

function lint(...targets: string[]) {
  const result = spawnSync(process.execPath, [BIOME, "lint", "--colors=off", ...targets], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** Lints `source` as a file at `folder/<probe>/fileName`; the probe folder is removed afterwards. */
function lintProbe(folder: string, source: string, fileName = "probe.ts") {
  const dir = path.join(ROOT, folder, `__boundary_probe_${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const file = path.join(dir, fileName);
    writeFileSync(file, source);
    return lint(path.relative(ROOT, file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const violations = [
  ["components", 'import { getPrisma } from "@/server/platform/db/client";', "never import server/"],
  ["components", 'import { getPrisma } from "../../server/platform/db/client";', "never import server/"],
  [
    "components",
    'import type { WorkflowSummary } from "@/server/workflows/workflows";',
    "never import server/",
  ],
  ["components", 'import { signJwt } from "@/local/keys";', "import local/"],
  ["lib", 'import { appRouter } from "../../server/api/root";', "never import server/"],
  ["lib", 'import { Logo } from "@/components/ui/logo";', "never import components/"],
  ["server/graph", 'import { Logo } from "../../../components/ui/logo";', "never import components/"],
  ["server/runs", 'import { signJwt } from "@/local/keys";', "import local/"],
  ["server/platform", 'import { signJwt } from "../../../local/keys";', "import local/"],
  ["app", 'import { signJwt } from "@/local/keys";', "import local/"],
  ["prisma/cli", 'import { prepareDatabase } from "../../../local/db/prepare";', "import local/"],
  ["server/mcp", 'const keys = await import("@/local/keys");', "import local/"],
  [
    "server/platform",
    'import { graphRouter } from "@/server/graph";',
    "platform/ is what every capability uses",
  ],
  [
    "server/platform",
    'import { appRouter } from "@/server/api/root";',
    "platform/ is what every capability uses",
  ],
  ["server/runs", 'import { loadGraph } from "@/server/graph/graph";', "only through its index.ts"],
  [
    "server/assistant",
    'import { listRegistry } from "@/server/mcp/registry/registry";',
    "only through its index.ts",
  ],
  ["server/graph", 'import { appRouter } from "@/server/api/root";', "only through its index.ts"],
  ["server/runs", 'import { withRls } from "../../platform/db/with-rls";', "Import style"],
  ["components", 'import { Button } from "../ui/button";', "Import style"],
  ["test", 'import { insertTestUser } from "../users";', "Import style"],
  ["server/graph", 'import { x } from "../../server/graph/graph";\nexport const y = x;', "Import style"],
  [
    "local/auth",
    'import { migrate } from "../../server/platform/db/migrator";',
    "only through local/app-code.ts",
  ],
  ["lib/env", 'import { z } from "@/lib/zod-config";', "knows no path aliases"],
] as const;

const allowed = [
  ["lib/env", 'import { parseEnv } from "../env/parse";'],
  ["server/runs", 'import { loadGraph } from "@/server/graph";'],
  ["server/runs", 'import { withRls } from "@/server/platform/db/with-rls";'],
  ["server/api", 'import { runsRouter } from "@/server/runs";'],
  ["server/graph", 'import { saveGraphDiff } from "./graph";'],
] as const;

describe("layer boundaries (biome.json)", () => {
  it.each(violations)("%s: `%s` fails lint", (folder, line, message) => {
    const { ok, output } = lintProbe(folder, `${line}\nexport const probe = 1;\n`);
    expect(ok).toBe(false);
    expect(output).toContain(RULE);
    expect(output).toContain(message);
  });

  it.each(allowed)("%s: `%s` passes lint", (folder, line) => {
    expect(lintProbe(folder, `${line}\nexport const probe = 1;\n`)).toMatchObject({ ok: true });
  });

  it("has a capability rule for every folder of server/", () => {
    const config = JSON.parse(readFileSync(path.join(ROOT, "biome.json"), "utf8")) as {
      overrides: { includes: string[] }[];
    };
    const guarded = new Set(config.overrides.flatMap((o) => o.includes));
    const folders = readdirSync(path.join(ROOT, "server"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `server/${entry.name}/**`);
    expect(folders.filter((folder) => !guarded.has(folder))).toEqual([]);
  });

  it("lets lib/ import the router's type and nothing else from server/", () => {
    const source = 'import type { AppRouter } from "@/server/api/root";\nexport type Api = AppRouter;\n';
    expect(lintProbe("lib", source)).toMatchObject({ ok: true });
  });

  it("lets tests anywhere import local/", () => {
    const source = 'import { signJwt } from "@/local/keys";\nexport const probe = signJwt;\n';
    expect(lintProbe("server", source, "probe.test.ts")).toMatchObject({ ok: true });
  });

  it("finds no violation in the real tree", () => {
    const { ok, output } = lint(
      "app",
      "components",
      "lib",
      "server",
      "prisma",
      "local",
      "test",
      "proxy.ts",
      "instrumentation.ts",
    );
    expect(output).not.toContain(RULE);
    expect(ok).toBe(true);
  });
});
