import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { localStackConfig } from "../config";
import { loadSigningKey } from "../keys";
import type { LocalStackContext } from "../server";
import { createAuthService } from "./service";

export type AuthTestServer = { url: string; context: LocalStackContext; close(): Promise<void> };

/**
 * The local stack for Auth tests: the real one (test/local-stack.ts) once the Realtime service
 * it mounts exists, else the Auth service alone on an HTTP server of its own.
 */
export async function startAuthTestServer(): Promise<AuthTestServer> {
  if (existsSync(new URL("../realtime/service.ts", import.meta.url))) {
    const { startTestStack } = await import("../../test/local-stack");
    return startTestStack();
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set: run the tests through vitest (global setup)");
  const config = localStackConfig({
    databaseUrl,
    port: 0,
    dataDir: mkdtempSync(path.join(tmpdir(), "tryliate-auth-")),
  });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const context: LocalStackContext = { config, pool, signingKey: await loadSigningKey(config.dataDir) };
  const auth = await createAuthService(context);
  const server = createServer(async (req, res) => {
    try {
      if (await auth.handleRequest(req, res)) return;
      res.writeHead(404).end();
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    context,
    async close() {
      server.closeAllConnections();
      await auth.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
