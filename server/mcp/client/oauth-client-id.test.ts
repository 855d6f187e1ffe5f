import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OAuthMcpServer, startOAuthMcpServer } from "@/local/mcp/oauth-server";
import { createCaller } from "@/server/api/root";
import { generateKeyEntry } from "@/server/platform/crypto/keyring";
import { getPrisma } from "@/server/platform/db/client";
import { createContextInner } from "@/server/platform/trpc/context";
import { APP_ORIGIN } from "@/test/mcp/caller";
import { insertTestUser } from "@/test/users";

const databaseUrl = process.env.DATABASE_URL ?? "";
const serverId = `oauth-cimd-${randomUUID().slice(0, 8)}`;
let oauth: OAuthMcpServer;

beforeAll(async () => {
  oauth = await startOAuthMcpServer({ clientIdMetadataDocuments: true });
  process.env.TRYLIATE_CREDENTIALS_KEYS ??= generateKeyEntry("test-key");
  process.env.TRYLIATE_MCP_ALLOWED_HOSTS = new URL(oauth.url).host;
  await getPrisma(databaseUrl).$executeRaw`insert into public.mcp_registry (id, name, url, data)
    values (${serverId}, 'OAuth CIMD', ${oauth.url}, '{"tools":[],"needsAuthorization":true}'::jsonb)`;
}, 60_000);

afterAll(async () => {
  await oauth?.stop();
});

async function authorizationUrl(origin: string): Promise<URL> {
  const user = await insertTestUser(databaseUrl);
  const caller = createCaller(createContextInner({ claims: user.claims, origin }));
  const result = await caller.connections.connect({ serverId, kind: "oauth" });
  if (result.status !== "redirect") throw new Error(`expected a redirect, got ${result.status}`);
  return new URL(result.authorizationUrl);
}

describe("the OAuth client id", () => {
  it("is the app's Client ID Metadata Document when the server supports them and the app is on https", async () => {
    const origin = "https://tryliate.example.test";
    const url = await authorizationUrl(origin);
    expect(url.searchParams.get("client_id")).toBe(`${origin}/api/mcp/oauth/client-metadata`);
    expect(url.searchParams.get("redirect_uri")).toBe(`${origin}/api/mcp/oauth/callback`);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(oauth.provider.clients.size).toBe(0);
  });

  it("comes from dynamic client registration otherwise", async () => {
    const url = await authorizationUrl(APP_ORIGIN);
    const clientId = url.searchParams.get("client_id") ?? "";
    expect(oauth.provider.clients.get(clientId)?.redirect_uris).toEqual([
      `${APP_ORIGIN}/api/mcp/oauth/callback`,
    ]);
  });
});
