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

describe("a 403 insufficient_scope (step-up)", () => {
  const stepUpId = `${id}-step-up`;
  let stepUp: OAuthMcpServer;

  beforeAll(async () => {
    stepUp = await startOAuthMcpServer({ challenge: { scopes: ["mcp:read"], stepUpScopes: ["mcp:write"] } });
    process.env.TRYLIATE_MCP_ALLOWED_HOSTS = [server.url, stepUp.url].map((u) => new URL(u).host).join(",");
    const admin = await insertTestUser(databaseUrl, { appMetadata: { role: "admin" } });
    await callerFor(admin).registry.add({ name: stepUpId, url: stepUp.url, type: "server" });
  });

  afterAll(async () => {
    await stepUp?.stop();
    await sql("delete from public.mcp_registry where id = $1", [stepUpId]);
  });

  it("is recorded on the connection, said in plain words, and the next connect asks for the union", async () => {
    const first = await callerFor(alice).connections.connect({ serverId: stepUpId, kind: "oauth" });
    const firstUrl = new URL(first.status === "redirect" ? first.authorizationUrl : "");
    expect(firstUrl.searchParams.get("scope")?.split(" ")).not.toContain("mcp:write");
    const refused = await finish(alice, await authorizeInBrowser(firstUrl.href)).catch((e: unknown) => e);
    expect((refused as Error).message).toMatch(/needs more access than you granted/);
    const row = (await callerFor(alice).connections.list()).find((c) => c.serverId === stepUpId);
    expect(row?.status).toBe("idle");

    const again = await callerFor(alice).connections.connect({ serverId: stepUpId, kind: "oauth" });
    const againUrl = new URL(again.status === "redirect" ? again.authorizationUrl : "");
    expect(againUrl.searchParams.get("scope")?.split(" ")).toEqual(
      expect.arrayContaining(["mcp:read", "mcp:write"]),
    );
    const done = await finish(alice, await authorizeInBrowser(againUrl.href));
    expect(done.tools).toBeGreaterThan(0);
  });
});
