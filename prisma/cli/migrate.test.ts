import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

// `npm run db:migrate` with DATABASE_URL is what production runs: it must load nothing from local/.
// A resolve hook reports every module the run loads from local/.
const ROOT = path.resolve(import.meta.dirname, "../..");

it("db:migrate with DATABASE_URL migrates without loading anything from local/", () => {
  const hook = path.join(mkdtempSync(path.join(tmpdir(), "tryliate-migrate-")), "trace-local.mjs");
  writeFileSync(
    hook,
    `import { registerHooks } from "node:module";
registerHooks({ resolve(specifier, context, next) {
  const resolved = next(specifier, context);
  if (resolved.url.startsWith(${JSON.stringify(`file://${ROOT}/local/`)})) console.log("LOADED FROM local/:", resolved.url);
  return resolved;
} });
`,
  );
  const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
  const result = spawnSync(process.execPath, [tsx, "--import", hook, "prisma/cli/migrate.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    encoding: "utf8",
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(result.stdout).toContain("Database is up to date");
  expect(result.stdout).not.toContain("LOADED FROM local/");
});
