import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyEntry } from "@/server/platform/crypto/keyring";
import { appCodeOfCall } from "@/server/platform/errors/errors";
import { callerFor } from "@/test/mcp/caller";
import { numberedTools, startToolListServer } from "@/test/mcp/tool-list-server";
import { sql } from "@/test/realtime-clients";
import { insertTestUser, type TestUser } from "@/test/users";

// Limits on what a server may put into the registry (every user's registry.list carries it), and
// credentials that no key opens: each a refusal with its own code and status, storing nothing.

const databaseUrl = process.env.DATABASE_URL ?? "";
const suffix = Math.random().toString(36).slice(2, 8);
const long = (n: number) => "d".repeat(n);
const servers = {
  many: numberedTools(1001),
  wordy: [{ name: "wordy", description: long(8_001), inputSchema: { type: "object" } }] as Tool[],
  heavy: numberedTools(1000).map((tool) => ({ ...tool, description: long(2_000) })),
  fine: numberedTools(3),
};
type Name = keyof typeof servers;
const urls = {} as Record<Name, string>;
const stops: Array<() => Promise<void>> = [];
let admin: TestUser;
let alice: TestUser;

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return { status: (error as TRPCError).code, code: appCodeOfCall(error), message: (error as Error).message };
}

beforeAll(async () => {
  for (const name of Object.keys(servers) as Name[]) {
    const server = await startToolListServer(servers[name], 500);
    urls[name] = server.url;
    stops.push(server.stop);
  }
  process.env.TRYLIATE_MCP_ALLOWED_HOSTS = Object.values(urls)
    .map((url) => new URL(url).host)
    .join(",");
  process.env.TRYLIATE_CREDENTIALS_KEYS ??= generateKeyEntry("limits-key");
  admin = await insertTestUser(databaseUrl, { appMetadata: { role: "admin" } });
  alice = await insertTestUser(databaseUrl);
}, 60_000);

afterAll(async () => {
  await sql("delete from public.mcp_registry where id like $1", [`%-${suffix}`]);
  await Promise.all(stops.map((stop) => stop()));
});

describe("a registry entry's size", () => {
  it.each([
    ["many", /lists more than 1000 tools/],
    ["wordy", /description of the tool "wordy" is 8001 characters long; Tryliate keeps at most 8000/],
    ["heavy", /tools take \d+ KiB; Tryliate keeps at most 1024 KiB/],
  ] as const)(
    "a server whose tools are too %s is refused with 413, storing nothing",
    async (name, message) => {
      const result = await refusal(
        callerFor(admin).registry.add({ name: `${name}-${suffix}`, url: urls[name], type: "server" }),
      );
      expect(result).toMatchObject({ status: "PAYLOAD_TOO_LARGE", code: "registry.too_large" });
      expect(result.message).toMatch(message);
      const rows = await sql("select count(*)::int as n from public.mcp_registry where id = $1", [
        `${name}-${suffix}`,
      ]);
      expect(rows[0]?.n).toBe(0);
    },
  );
});

describe("credentials no key opens", () => {
  it("give the key-id message with its code, not an internal error", async () => {
    const id = `fine-${suffix}`;
    await callerFor(admin).registry.add({ name: id, url: urls.fine, type: "server" });
    const connected = await callerFor(alice).connections.connect({
      serverId: id,
      kind: "header",
      header: "X-Api-Key",
      value: "alice-key",
    });
    expect(connected.status).toBe("verified");
    // Altered at rest: the envelope's authentication tag no longer matches.
    await sql(
      `update public.mcp_authorizations set credentials = jsonb_set(credentials, '{ct}', '"AAAA"')
       where user_id = $1 and server_name = $2`,
      [alice.id, id],
    );
    const row = (await callerFor(alice).connections.list()).find((c) => c.serverId === id);
    const result = await refusal(
      callerFor(alice).connections.verify({ authorizationId: row?.authorizationId ?? "" }),
    );
    expect(result).toMatchObject({ status: "PRECONDITION_FAILED", code: "mcp.credentials_unreadable" });
    expect(result.message).toMatch(/could not be decrypted with key "[^"]+"/);
    expect(result.message).not.toContain("alice-key");
  });
});
