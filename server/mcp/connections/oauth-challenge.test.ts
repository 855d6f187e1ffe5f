import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OAuthMcpServer, startOAuthMcpServer } from "@/local/mcp/oauth-server";
import { generateKeyEntry } from "@/server/platform/crypto/keyring";
import { callerFor } from "@/test/mcp/caller";
import { authorizeInBrowser, finish } from "@/test/mcp/oauth-flow";
import { sql } from "@/test/realtime-clients";
import { insertTestUser, type TestUser } from "@/test/users";

// A server that names its protected-resource metadata only in its 401's WWW-Authenticate
// (resource_metadata, at a path no well-known lookup finds) and requires a scope: the connect flow
// starts with an unauthenticated MCP request and follows the challenge, as the 2025-11-25
// authorization spec says.

const databaseUrl = process.env.DATABASE_URL ?? "";
const id = `challenge-${Math.random().toString(36).slice(2, 8)}`;
let server: OAuthMcpServer;
let alice: TestUser;

beforeAll(async () => {
  server = await startOAuthMcpServer({ challenge: { scopes: ["mcp:write"] } });
  process.env.TRYLIATE_MCP_ALLOWED_HOSTS = new URL(server.url).host;
  process.env.TRYLIATE_CREDENTIALS_KEYS ??= generateKeyEntry("challenge-key");
  const admin = await insertTestUser(databaseUrl, { appMetadata: { role: "admin" } });
  alice = await insertTestUser(databaseUrl);
  const added = await callerFor(admin).registry.add({ name: id, url: server.url, type: "server" });
  expect(added.needsAuthorization).toBe(true);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await sql("delete from public.mcp_registry where id = $1", [id]);
});

describe("connecting a server that challenges with resource_metadata and a scope", () => {
  it("asks for the challenge's scope, and the connection works", async () => {
    const started = await callerFor(alice).connections.connect({ serverId: id, kind: "oauth" });
    expect(started.status).toBe("redirect");
    const authorization = new URL(started.status === "redirect" ? started.authorizationUrl : "");
    expect(authorization.searchParams.get("scope")?.split(" ")).toContain("mcp:write");
    expect(authorization.searchParams.get("resource")).toBe(server.url);
    const done = await finish(alice, await authorizeInBrowser(authorization.href));
    expect(done.tools).toBeGreaterThan(0);
  });
});
