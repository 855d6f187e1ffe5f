import { TRPCError } from "@trpc/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EverythingServer, startEverythingServer } from "@/local/mcp/everything";
import { type OAuthMcpServer, startOAuthMcpServer } from "@/local/mcp/oauth-server";
import { readAuthorization } from "@/server/mcp/connections/secrets";
import { generateKeyEntry } from "@/server/platform/crypto/keyring";
import { APP_ORIGIN, callerFor } from "@/test/mcp/caller";
import { authorizeInBrowser, finish } from "@/test/mcp/oauth-flow";
import { insertTestUser, type TestUser } from "@/test/users";

const databaseUrl = process.env.DATABASE_URL ?? "";
let everything: EverythingServer;
let oauth: OAuthMcpServer;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;
const suffix = Math.random().toString(36).slice(2, 8);
const names = {
  everything: `Everything ${suffix}`,
  sse: `Everything SSE ${suffix}`,
  oauth: `OAuth demo ${suffix}`,
};
const ids = {
  everything: `everything-${suffix}`,
  sse: `everything-sse-${suffix}`,
  oauth: `oauth-demo-${suffix}`,
};

async function registryRows(): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query("select count(*)::int as n from public.mcp_registry");
  await client.end();
  return rows[0].n;
}

async function expectError(promise: Promise<unknown>, code: string, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  expect((error as TRPCError).message).toMatch(message);
}

beforeAll(async () => {
  [everything, oauth] = await Promise.all([startEverythingServer(), startOAuthMcpServer()]);
  process.env.TRYLIATE_CREDENTIALS_KEYS = generateKeyEntry("test-key");
  process.env.TRYLIATE_MCP_ALLOWED_HOSTS = [everything.mcpUrl, everything.sseUrl, oauth.url]
    .map((u) => new URL(u).host)
    .join(",");
  admin = await insertTestUser(databaseUrl, { appMetadata: { role: "admin" } });
  alice = await insertTestUser(databaseUrl);
  bob = await insertTestUser(databaseUrl);
}, 60_000);

afterAll(async () => {
  await Promise.all([everything?.stop(), oauth?.stop()]);
});

describe("registry", () => {
  it("an admin adds servers (discovered over Streamable HTTP or SSE) and everyone signed in lists them", async () => {
    const added = await callerFor(admin).registry.add({
      name: names.everything,
      url: everything.mcpUrl,
      type: "server",
      description: "The reference server",
      author: "MCP",
      tags: ["demo", "reference"],
    });
    expect(added).toMatchObject({ id: ids.everything, needsAuthorization: false });
    expect(added.tools).toBeGreaterThan(5);
    await callerFor(admin).registry.add({
      name: names.sse,
      url: everything.sseUrl,
      type: "server",
      tags: ["demo"],
    });
    const oauthEntry = await callerFor(admin).registry.add({
      name: names.oauth,
      url: oauth.url,
      type: "server",
      tags: ["oauth"],
    });
    expect(oauthEntry).toMatchObject({ needsAuthorization: true, tools: 0 });

    const list = await callerFor(alice).registry.list();
    const entry = list.find((e) => e.id === ids.everything);
    expect(entry).toMatchObject({
      author: "MCP",
      tags: ["demo", "reference"],
      server: { transport: "streamable-http" },
    });
    expect(entry?.tools.find((t) => t.name === "echo")?.description).toBeTruthy();
    expect(list.find((e) => e.id === ids.sse)?.server?.transport).toBe("sse");
  });

  it("is searched and filtered by tag", async () => {
    const caller = callerFor(alice);
    expect((await caller.registry.list({ tag: "oauth" })).map((e) => e.id)).toEqual([ids.oauth]);
    const searched = await caller.registry.list({ search: `everything ${suffix}` });
    expect(searched.map((e) => e.id).sort()).toEqual([ids.everything, ids.sse].sort());
    expect((await caller.registry.list({ search: "get-env", tag: "reference" })).map((e) => e.id)).toContain(
      ids.everything,
    );
    expect(await caller.registry.list({ search: "no such thing at all" })).toEqual([]);
  });

  it("refuses writes from users who are not admins", async () => {
    await expectError(
      callerFor(alice).registry.add({ name: "Mine", url: everything.mcpUrl, type: "server" }),
      "FORBIDDEN",
      /administrators/,
    );
    await expectError(
      callerFor(alice).registry.remove({ id: ids.everything }),
      "FORBIDDEN",
      /administrators/,
    );
  });

  it("stores nothing for a malformed URL, an unreachable host, a guarded address or a duplicate", async () => {
    const before = await registryRows();
    const caller = callerFor(admin);
    await expectError(
      caller.registry.add({ name: "Bad url", url: "htp//nowhere", type: "server" }),
      "BAD_REQUEST",
      /not a valid URL/,
    );
    await expectError(
      caller.registry.add({ name: "No url", url: null, type: "server" }),
      "BAD_REQUEST",
      /needs the URL/,
    );
    await expectError(
      caller.registry.add({ name: "Closed", url: "http://127.0.0.1:1/mcp", type: "server" }),
      "BAD_REQUEST",
      /Closed: .*refused the connection|refused/,
    );
    await expectError(
      caller.registry.add({ name: "Metadata", url: "http://169.254.169.254/mcp", type: "server" }),
      "BAD_REQUEST",
      /169\.254\.169\.254.*refused/,
    );
    await expectError(
      caller.registry.add({ name: names.everything, url: everything.mcpUrl, type: "server" }),
      "CONFLICT",
      /already exists/,
    );
    expect(await registryRows()).toBe(before);
  });

  it("refreshes a server with the admin's own credentials, and says so when they are missing", async () => {
    const refreshed = await callerFor(admin).registry.refresh({ id: ids.everything });
    expect(refreshed.tools).toBeGreaterThan(5);
    await expectError(
      callerFor(admin).registry.refresh({ id: ids.oauth }),
      "PRECONDITION_FAILED",
      /Connections page first/,
    );
  });

  it("keeps entries that are not servers without a URL", async () => {
    const caller = callerFor(admin);
    const { id } = await caller.registry.add({
      name: `A client ${suffix}`,
      url: null,
      type: "client",
      description: "desktop app",
    });
    await caller.registry.update({
      id,
      entry: { name: `A client ${suffix}`, url: null, type: "client", description: "renamed", tags: ["x"] },
    });
    expect((await callerFor(alice).registry.list({ tag: "x" })).find((e) => e.id === id)?.description).toBe(
      "renamed",
    );
    await caller.registry.remove({ id });
  });
});

describe("connections", () => {
  it("list every server with this user's status, idle by default", async () => {
    const list = await callerFor(alice).connections.list();
    expect(list.find((c) => c.serverId === ids.everything)).toMatchObject({
      status: "idle",
      authorizationId: null,
    });
  });

  it("connect with a header key after checking it, and never return the key", async () => {
    const result = await callerFor(alice).connections.connect({
      serverId: ids.everything,
      kind: "header",
      header: "X-Api-Key",
      value: "alice-secret-key",
    });
    expect(result).toMatchObject({ status: "verified" });
    const list = await callerFor(alice).connections.list();
    const row = list.find((c) => c.serverId === ids.everything);
    expect(row?.status).toBe("verified");
    expect(JSON.stringify(list)).not.toContain("alice-secret-key");
    const stored = await readAuthorization(alice.id, ids.everything);
    expect(JSON.stringify(stored?.credentials)).not.toContain("alice-secret-key");
    expect(stored?.credentials).toMatchObject({ kid: "test-key", alg: "A256GCM" });
    // Other users see nothing of it.
    expect((await callerFor(bob).connections.list()).find((c) => c.serverId === ids.everything)?.status).toBe(
      "idle",
    );
  });

  it("refuse a header that could smuggle a session, storing nothing", async () => {
    await expectError(
      callerFor(bob).connections.connect({
        serverId: ids.everything,
        kind: "header",
        header: "Cookie",
        value: "x",
      }),
      "BAD_REQUEST",
      /cannot carry a credential/,
    );
    expect(await readAuthorization(bob.id, ids.everything)).toBeNull();
  });

  it("verify and revoke only the caller's own authorization", async () => {
    const aliceRow = (await callerFor(alice).connections.list()).find((c) => c.serverId === ids.everything);
    const id = aliceRow?.authorizationId ?? "";
    await expectError(
      callerFor(bob).connections.verify({ authorizationId: id }),
      "NOT_FOUND",
      /does not exist/,
    );
    await expectError(
      callerFor(bob).connections.revoke({ authorizationId: id }),
      "NOT_FOUND",
      /does not exist/,
    );
    await expectError(
      callerFor(bob).connections.revoke({ authorizationId: "nope" }),
      "BAD_REQUEST",
      /Not a connection id/,
    );
    expect((await readAuthorization(alice.id, ids.everything))?.status).toBe("verified");
    expect(await callerFor(alice).connections.verify({ authorizationId: id })).toMatchObject({
      status: "verified",
    });
    expect(await callerFor(alice).connections.revoke({ authorizationId: id })).toMatchObject({
      status: "revoked",
    });
    const after = await readAuthorization(alice.id, ids.everything);
    expect(after).toMatchObject({ status: "revoked", credentials: null });
  });

  it("go through the full OAuth flow: authorize, callback, verified, refresh, 401 → re-auth, revoke", async () => {
    const caller = callerFor(alice);
    const started = await caller.connections.connect({ serverId: ids.oauth, kind: "oauth" });
    expect(started.status).toBe("redirect");
    const authorizationUrl = new URL((started as { authorizationUrl: string }).authorizationUrl);
    expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizationUrl.searchParams.get("redirect_uri")).toBe(`${APP_ORIGIN}/api/mcp/oauth/callback`);
    expect(authorizationUrl.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(oauth.provider.clients.size).toBe(1); // dynamic registration

    const query = await authorizeInBrowser(authorizationUrl.href);
    // Bob cannot use Alice's answer, and a made-up state is refused.
    await expect(finish(bob, query)).rejects.toThrow(/unknown, expired or was already used/);
    await expect(
      finish(alice, new URLSearchParams({ state: "forged", code: query.get("code") ?? "" })),
    ).rejects.toThrow(/unknown, expired/);
    expect(await finish(alice, query)).toMatchObject({ serverId: ids.oauth });
    // The state is single use.
    await expect(finish(alice, query)).rejects.toThrow(/already used/);

    const list = await caller.connections.list();
    const row = list.find((c) => c.serverId === ids.oauth);
    expect(row?.status).toBe("verified");
    const stored = JSON.stringify(await readAuthorization(alice.id, ids.oauth));
    for (const token of oauth.provider.accessTokens.keys()) expect(stored).not.toContain(token);

    // The access token stops working: the SDK refreshes on 401 and the connection stays verified.
    oauth.provider.expireAccessTokens();
    const refreshesBefore = oauth.provider.refreshes;
    expect(await caller.connections.verify({ authorizationId: row?.authorizationId ?? "" })).toMatchObject({
      status: "verified",
    });
    expect(oauth.provider.refreshes).toBe(refreshesBefore + 1);

    // Every token is gone: the user must authorize again.
    oauth.provider.forgetAllTokens();
    await expectError(
      caller.connections.verify({ authorizationId: row?.authorizationId ?? "" }),
      "PRECONDITION_FAILED",
      /connect \(sign in\) again/,
    );
    expect((await readAuthorization(alice.id, ids.oauth))?.status).toBe("idle");
    const again = await caller.connections.connect({ serverId: ids.oauth, kind: "oauth" });
    expect(again.status).toBe("redirect");
    await finish(alice, await authorizeInBrowser((again as { authorizationUrl: string }).authorizationUrl));
    expect((await readAuthorization(alice.id, ids.oauth))?.status).toBe("verified");

    // The admin refreshes with their own credentials once connected.
    const adminStart = await callerFor(admin).connections.connect({ serverId: ids.oauth, kind: "oauth" });
    await finish(
      admin,
      await authorizeInBrowser((adminStart as { authorizationUrl: string }).authorizationUrl),
    );
    const refreshed = await callerFor(admin).registry.refresh({ id: ids.oauth });
    expect(refreshed.tools).toBe(2);

    // Revoke: the tokens are revoked at the authorization server and deleted here.
    const tokensBefore = [...oauth.provider.refreshTokens.keys()];
    const revoked = await caller.connections.revoke({ authorizationId: row?.authorizationId ?? "" });
    expect(revoked).toEqual({ status: "revoked", revokedAtServer: true });
    expect(oauth.provider.revoked.some((token) => tokensBefore.includes(token))).toBe(true);
    expect(await readAuthorization(alice.id, ids.oauth)).toMatchObject({
      status: "revoked",
      credentials: null,
    });
  });

  it("remove every user's credentials with the registry entry", async () => {
    await callerFor(admin).registry.remove({ id: ids.oauth });
    expect(await readAuthorization(admin.id, ids.oauth)).toBeNull();
    expect(await readAuthorization(alice.id, ids.oauth)).toBeNull();
  });
});
