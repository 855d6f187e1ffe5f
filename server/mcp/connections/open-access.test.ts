import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyEntry } from "@/server/platform/crypto/keyring";
import { callerFor } from "@/test/mcp/caller";
import { numberedTools, startToolListServer } from "@/test/mcp/tool-list-server";
import { sql } from "@/test/realtime-clients";
import { insertTestUser, type TestUser } from "@/test/users";

// A server discovered without credentials needs no connection before its tools are called: the
// connections list says so, so the canvas does not call it "not connected".

const databaseUrl = process.env.DATABASE_URL ?? "";
const suffix = Math.random().toString(36).slice(2, 8);
const id = `open-${suffix}`;
let server: Awaited<ReturnType<typeof startToolListServer>>;
let admin: TestUser;
let alice: TestUser;

beforeAll(async () => {
  server = await startToolListServer(numberedTools(2), 10);
  process.env.TRYLIATE_MCP_ALLOWED_HOSTS = new URL(server.url).host;
  process.env.TRYLIATE_CREDENTIALS_KEYS ??= generateKeyEntry("open-key");
  admin = await insertTestUser(databaseUrl, { appMetadata: { role: "admin" } });
  alice = await insertTestUser(databaseUrl);
}, 60_000);

afterAll(async () => {
  await sql("delete from public.mcp_registry where id = $1", [id]);
  await server?.stop();
});

const aliceSees = async () =>
  (await callerFor(alice).connections.list()).find((connection) => connection.serverId === id);

describe("a server that needs no credentials", () => {
  it("is listed as needing none when discovered without any", async () => {
    await callerFor(admin).registry.add({ name: id, url: server.url, type: "server" });
    expect(await aliceSees()).toMatchObject({ status: "idle", needsCredentials: false, toolCount: 2 });
  });

  it("but as needing them once discovered with the admin's own credentials", async () => {
    await callerFor(admin).connections.connect({
      serverId: id,
      kind: "header",
      header: "X-Api-Key",
      value: "admin-key",
    });
    await callerFor(admin).registry.refresh({ id });
    expect(await aliceSees()).toMatchObject({ status: "idle", needsCredentials: true });
  });
});
