import http from "node:http";
import type { AddressInfo } from "node:net";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyEntry } from "@/server/platform/crypto/keyring";
import { appCodeOfCall } from "@/server/platform/errors/errors";
import { callerFor } from "@/test/mcp/caller";
import { sql } from "@/test/realtime-clients";
import { insertTestUser, type TestUser } from "@/test/users";

// An MCP server behind OAuth whose metadata endpoint drips one byte every 100 ms, forever: the
// Connect click gets an answer within the OAuth deadline, not after minutes.

const databaseUrl = process.env.DATABASE_URL ?? "";
const id = `drip-${Math.random().toString(36).slice(2, 8)}`;
let server: http.Server;
let url = "";
let alice: TestUser;
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url?.startsWith("/mcp")) {
      return res
        .writeHead(401, {
          "www-authenticate": `Bearer resource_metadata="${url.replace("/mcp", "")}/.well-known/oauth-protected-resource"`,
        })
        .end();
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.write("{");
    const timer = setInterval(() => res.write(" "), 100);
    timers.add(timer);
    res.on("close", () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  process.env.TRYLIATE_MCP_ALLOWED_HOSTS = new URL(url).host;
  process.env.TRYLIATE_MCP_OAUTH_TIMEOUT_MS = "1500";
  process.env.TRYLIATE_CREDENTIALS_KEYS ??= generateKeyEntry("drip-key");
  const admin = await insertTestUser(databaseUrl, { appMetadata: { role: "admin" } });
  alice = await insertTestUser(databaseUrl);
  const added = await callerFor(admin).registry.add({ name: id, url, type: "server" });
  expect(added.needsAuthorization).toBe(true);
}, 60_000);

afterAll(async () => {
  for (const timer of timers) clearInterval(timer);
  server.closeAllConnections();
  server.close();
  await sql("delete from public.mcp_registry where id = $1", [id]);
});

describe("OAuth requests have a deadline", () => {
  it("a metadata endpoint that drips bytes fails the connect within it, in plain words", async () => {
    const started = performance.now();
    const error = await callerFor(alice)
      .connections.connect({ serverId: id, kind: "oauth" })
      .catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TRPCError);
    expect(appCodeOfCall(error)).toBe("mcp.unreachable");
    expect((error as Error).message).toMatch(/did not finish answering within 1\.5 s/);
    expect(elapsed).toBeLessThan(6_000);
  });
});
