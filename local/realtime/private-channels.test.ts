import { randomUUID } from "node:crypto";
import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack } from "../../test/local-stack";
import { realtimeClient, sleep, sql, until } from "../../test/realtime-clients";
import { insertTestUser, type TestUser } from "../../test/users";
import { signJwt } from "../keys";
import type { LocalStack } from "../server";

// Realtime Authorization: a channel joined with `private: true` is checked against the RLS
// policies on realtime.messages (the app's migration lets only a workflow's owner use
// `workflow:<id>`), with the joiner's claims, at every join and every new access token.

let stack: LocalStack;
let owner: TestUser;
let other: TestUser;
let tokens: Record<"owner" | "other", string>;
let workflowId: string;
const clients: SupabaseClient[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  owner = await insertTestUser(process.env.DATABASE_URL as string);
  other = await insertTestUser(process.env.DATABASE_URL as string);
  tokens = {
    owner: await signJwt(stack.context.signingKey, owner.claims),
    other: await signJwt(stack.context.signingKey, other.claims),
  };
  workflowId = await newWorkflow(owner.id);
});

afterAll(async () => {
  for (const client of clients) await client.removeAllChannels();
  await stack.close();
});

async function newWorkflow(userId: string): Promise<string> {
  const [row] = await sql<{ id: string }>(
    "insert into public.workflows (user_id, name) values ($1, 'w') returning id",
    [userId],
  );
  return row?.id ?? "";
}

type Actor = "owner" | "other" | "anon" | "service_role";

function clientAs(actor: Actor) {
  // The server's own client connects with the secret key (role service_role, which bypasses RLS).
  const client =
    actor === "service_role"
      ? realtimeClient(stack, undefined, undefined, stack.context.config.secretKey)
      : realtimeClient(stack, actor === "anon" ? undefined : tokens[actor]);
  clients.push(client);
  return client;
}

/** Subscribes; resolves with the status and, on refusal, the server's reason. */
function join(channel: RealtimeChannel): Promise<{ status: string; reason?: string }> {
  return new Promise((resolve) => {
    channel.subscribe((status, error) => {
      if (
        status === "SUBSCRIBED" ||
        status === "CHANNEL_ERROR" ||
        status === "TIMED_OUT" ||
        status === "CLOSED"
      ) {
        resolve({ status, reason: error?.message });
      }
    });
  });
}

function privateChannel(client: SupabaseClient, topic: string, extra: Record<string, unknown> = {}) {
  return client.channel(topic, {
    config: { private: true, broadcast: { self: false, ack: true }, ...extra },
  });
}

describe("joining a private workflow channel", () => {
  it.each([
    ["owner", true],
    ["other", false],
    ["anon", false],
    ["service_role", true],
  ] as const)("%s: allowed = %s", async (actor, allowed) => {
    const channel = privateChannel(clientAs(actor), `workflow:${workflowId}`);
    const result = await join(channel);
    if (allowed) {
      expect(result.status).toBe("SUBSCRIBED");
    } else {
      expect(result.status).toBe("CHANNEL_ERROR");
      expect(result.reason).toBe(
        `Unauthorized: You do not have permissions to read from this Channel topic: workflow:${workflowId}`,
      );
    }
    await channel.unsubscribe();
  });

  it("a topic no policy names is refused, even to its would-be owner", async () => {
    const result = await join(privateChannel(clientAs("owner"), `room:${randomUUID()}`));
    expect(result.status).toBe("CHANNEL_ERROR");
  });

  it("a malformed workflow topic is refused, not an error", async () => {
    const result = await join(privateChannel(clientAs("owner"), "workflow:not-a-uuid'; drop table x; --"));
    expect(result.reason).toMatch(/^Unauthorized: /);
  });
});

describe("broadcast and presence on a private channel", () => {
  it("the owner's tabs receive each other's broadcasts and presence; a public joiner of the same name gets nothing", async () => {
    const topic = `workflow:${workflowId}`;
    const tabA = privateChannel(clientAs("owner"), topic);
    const tabB = privateChannel(clientAs("owner"), topic);
    const outsider = clientAs("other").channel(topic, { config: { broadcast: { self: false, ack: true } } });
    const got = { b: [] as unknown[], outsider: [] as unknown[] };
    tabB.on("broadcast", { event: "cursor" }, ({ payload }) => got.b.push(payload));
    tabB.on("presence", { event: "sync" }, () => {});
    outsider.on("broadcast", { event: "cursor" }, ({ payload }) => got.outsider.push(payload));
    outsider.on("presence", { event: "sync" }, () => {});
    for (const channel of [tabA, tabB, outsider]) expect((await join(channel)).status).toBe("SUBSCRIBED");

    expect(await tabA.send({ type: "broadcast", event: "cursor", payload: { x: 1 } })).toBe("ok");
    expect(await tabA.track({ userId: owner.id, name: "Owner" })).toBe("ok");
    await until(() => got.b.length === 1 && Object.keys(tabB.presenceState()).length === 1);

    // The outsider's public channel of the same name is another room: it hears nothing, and
    // what it sends and tracks never reaches the owner's private channel.
    await outsider.send({ type: "broadcast", event: "cursor", payload: { x: 666 } });
    await outsider.track({ userId: owner.id, name: "Spoofed owner" });
    await sleep(300);
    expect(got.outsider).toEqual([]);
    expect(Object.keys(outsider.presenceState())).toHaveLength(1); // its own entry only
    expect(got.b).toEqual([{ x: 1 }]);
    expect(Object.values(tabB.presenceState()).flat()).toEqual([
      expect.objectContaining({ userId: owner.id, name: "Owner" }),
    ]);
    for (const channel of [tabA, tabB, outsider]) await channel.unsubscribe();
  });

  it("a joiner with read but not write permission can neither send nor track", async () => {
    // A policy granting read only, on topics of its own.
    const prefix = `readonly-${randomUUID().slice(0, 8)}`;
    await sql(`create policy "${prefix}" on realtime.messages for select to authenticated
               using ((select realtime.topic()) like '${prefix}:%')`);
    try {
      const topic = `${prefix}:room`;
      const writer = privateChannel(clientAs("service_role"), topic);
      const reader = privateChannel(clientAs("other"), topic);
      const heard: unknown[] = [];
      const readerHeard: unknown[] = [];
      writer.on("broadcast", { event: "e" }, ({ payload }) => heard.push(payload));
      writer.on("presence", { event: "sync" }, () => {});
      reader.on("broadcast", { event: "e" }, ({ payload }) => readerHeard.push(payload));
      reader.on("presence", { event: "sync" }, () => {});
      expect((await join(writer)).status).toBe("SUBSCRIBED");
      expect((await join(reader)).status).toBe("SUBSCRIBED");

      expect(await reader.track({ who: "reader" })).toBe("error");
      await reader.send({ type: "broadcast", event: "e", payload: { from: "reader" } });
      await writer.send({ type: "broadcast", event: "e", payload: { from: "writer" } });
      await until(() => readerHeard.length === 1);
      await sleep(200);
      expect(heard).toEqual([]);
      expect(readerHeard).toEqual([{ from: "writer" }]);
      expect(Object.keys(writer.presenceState())).toHaveLength(0);
    } finally {
      await sql(`drop policy "${prefix}" on realtime.messages`);
    }
  });
});

describe("permissions follow the token", () => {
  it("a new access token is checked again: losing the workflow ends the channel", async () => {
    const id = await newWorkflow(owner.id);
    const client = clientAs("owner");
    const channel = privateChannel(client, `workflow:${id}`);
    const system: { status: string; message: string }[] = [];
    channel.on("system", {}, (payload) => system.push(payload));
    expect((await join(channel)).status).toBe("SUBSCRIBED");

    // Still the owner: a refreshed token keeps the channel.
    const now = Math.floor(Date.now() / 1000);
    await client.realtime.setAuth(
      await signJwt(stack.context.signingKey, { ...owner.claims, iat: now, exp: now + 3000 }),
    );
    await sleep(300);
    expect(channel.state).toBe("joined");

    await sql("delete from public.workflows where id = $1", [id]);
    await client.realtime.setAuth(
      await signJwt(stack.context.signingKey, { ...owner.claims, iat: now, exp: now + 3100 }),
    );
    await until(() => channel.state === "closed");
    expect(system).toContainEqual(
      expect.objectContaining({
        status: "error",
        message: `You no longer have permission to read from this Channel topic: workflow:${id}`,
      }),
    );
  });

  it("a join after the workflow changed hands is checked anew", async () => {
    const id = await newWorkflow(owner.id);
    expect((await join(privateChannel(clientAs("other"), `workflow:${id}`))).status).toBe("CHANNEL_ERROR");
    await sql("update public.workflows set user_id = $2 where id = $1", [id, other.id]);
    expect((await join(privateChannel(clientAs("other"), `workflow:${id}`))).status).toBe("SUBSCRIBED");
    expect((await join(privateChannel(clientAs("owner"), `workflow:${id}`))).status).toBe("CHANNEL_ERROR");
  });
});

describe("REST broadcast to a private topic", () => {
  it("is delivered for the secret key, dropped for the publishable key", async () => {
    const channel = privateChannel(clientAs("owner"), `workflow:${workflowId}`);
    const got: unknown[] = [];
    channel.on("broadcast", { event: "note" }, ({ payload }) => got.push(payload));
    expect((await join(channel)).status).toBe("SUBSCRIBED");
    const post = (key: string, payload: unknown) =>
      fetch(`${stack.url}/realtime/v1/api/broadcast`, {
        method: "POST",
        headers: { apikey: key, authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({
          messages: [{ topic: `workflow:${workflowId}`, event: "note", payload, private: true }],
        }),
      });
    expect((await post(stack.context.config.publishableKey, { from: "anon" })).status).toBe(202);
    expect((await post(stack.context.config.secretKey, { from: "server" })).status).toBe(202);
    await until(() => got.length === 1);
    await sleep(200);
    expect(got).toEqual([{ from: "server" }]);
    await channel.unsubscribe();
  });
});

describe("a private-only project (Allow public access off)", () => {
  it("refuses public joins with PrivateOnly and still takes private ones", async () => {
    const strict = await startTestStack({ realtimePrivateOnly: true });
    const token = await signJwt(strict.context.signingKey, owner.claims);
    const [publicClient, privateClient] = [realtimeClient(strict, token), realtimeClient(strict, token)];
    try {
      const open = await join(publicClient.channel(`workflow:${workflowId}`));
      expect(open).toEqual({
        status: "CHANNEL_ERROR",
        reason: "PrivateOnly: This project only allows private channels",
      });
      expect((await join(privateChannel(privateClient, `workflow:${workflowId}`))).status).toBe("SUBSCRIBED");
    } finally {
      await Promise.all([publicClient.removeAllChannels(), privateClient.removeAllChannels()]);
      await strict.close();
    }
  });
});
