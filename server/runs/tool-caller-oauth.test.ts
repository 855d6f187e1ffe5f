import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OAuthMcpServer, startOAuthMcpServer } from "@/local/mcp/oauth-server";
import { generateKeyEntry } from "@/server/platform/crypto/keyring";
import { getPrisma } from "@/server/platform/db/client";
import { APP_ORIGIN } from "@/test/mcp/caller";
import { connectWithOAuth } from "@/test/mcp/oauth-flow";
import { insertTestUser, type TestUser } from "@/test/users";
import { registryLookup } from "./registry-lookup";
import { createSdkToolCaller } from "./tool-caller";

const databaseUrl = process.env.DATABASE_URL ?? "";
const prisma = getPrisma(databaseUrl);
const ids = {
  oauth: `oauth-run-${randomUUID().slice(0, 8)}`,
  metadata: `metadata-${randomUUID().slice(0, 8)}`,
};
let oauth: OAuthMcpServer;
let alice: TestUser;
let bob: TestUser;

const call = (user: TestUser, serverId: string, tool: string, args: Record<string, unknown> = {}) =>
  createSdkToolCaller(registryLookup(prisma), { appOrigin: APP_ORIGIN }).call({
    userId: user.id,
    serverId,
    tool,
    args,
    signal: new AbortController().signal,
    timeoutMs: 10_000,
  });

beforeAll(async () => {
  oauth = await startOAuthMcpServer();
  process.env.TRYLIATE_CREDENTIALS_KEYS ??= generateKeyEntry("test-key");
  process.env.TRYLIATE_MCP_ALLOWED_HOSTS = new URL(oauth.url).host;
  await prisma.$executeRaw`insert into public.mcp_registry (id, name, url, data) values
    (${ids.oauth}, ${ids.oauth}, ${oauth.url}, '{"tools":[],"needsAuthorization":true}'::jsonb),
    (${ids.metadata}, ${ids.metadata}, 'http://169.254.169.254/mcp', '{"tools":[]}'::jsonb)`;
  [alice, bob] = await Promise.all([insertTestUser(databaseUrl), insertTestUser(databaseUrl)]);
  await connectWithOAuth(alice, ids.oauth);
}, 60_000);

afterAll(async () => {
  await oauth?.stop();
});

describe("the runs' tool caller with an OAuth connection", () => {
  it("calls a tool as the run's owner with their OAuth connection, refreshing an expired token", async () => {
    const result = await call(alice, ids.oauth, "add", { a: 20, b: 22 });
    expect(result.content).toEqual([{ type: "text", text: "42" }]);
    oauth.provider.expireAccessTokens();
    const refreshes = oauth.provider.refreshes;
    const again = await call(alice, ids.oauth, "whoami");
    expect(JSON.stringify(again.content)).toMatch(/client [\w-]+/);
    expect(oauth.provider.refreshes).toBe(refreshes + 1);
  });

  it("says to connect first when the owner has no connection, and never borrows another user's", async () => {
    await expect(call(bob, ids.oauth, "add", { a: 1, b: 2 })).rejects.toThrow(
      /needs you to connect \(sign in\) again\. Connect it on the Connections page, then run again\./,
    );
  });

  it("goes through the guarded fetch: a registry URL on a private address is refused", async () => {
    await expect(call(alice, ids.metadata, "add")).rejects.toThrow(/169\.254\.169\.254.*refused/);
  });
});
