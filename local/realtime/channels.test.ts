import { randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTestStack } from "../../test/local-stack";
import { realtimeClient, sleep, subscribe, until } from "../../test/realtime-clients";
import { insertTestUser, type TestUser } from "../../test/users";
import { signJwt } from "../keys";
import type { LocalStack } from "../server";

let stack: LocalStack;
let alice: TestUser;
let aliceToken: string;
const clients: SupabaseClient[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  alice = await insertTestUser(process.env.DATABASE_URL as string);
  aliceToken = await signJwt(stack.context.signingKey, alice.claims);
});

afterAll(async () => {
  for (const client of clients) await client.removeAllChannels();
  await stack.close();
});

function client(token?: string, vsn?: "1.0.0" | "2.0.0") {
  const created = realtimeClient(stack, token, vsn);
  clients.push(created);
  return created;
}

function socketUrl(query: string) {
  return `${stack.url.replace("http", "ws")}/realtime/v1/websocket?${query}`;
}

/** A raw WebSocket for protocol-level checks; resolves with the upgrade's HTTP status on refusal. */
function rawSocket(
  query: string,
): Promise<{ ws: WebSocket; frames: unknown[] } | { status: number; body: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(socketUrl(query));
    const frames: unknown[] = [];
    ws.on("message", (data, binary) => frames.push(binary ? data : JSON.parse(String(data))));
    ws.on("open", () => resolve({ ws, frames }));
    ws.on("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on("error", () => {});
  });
}

describe.each(["2.0.0", "1.0.0"] as const)("broadcast over vsn %s", (vsn) => {
  it("fans out to others, to self only with self, and acks with ack", async () => {
    const topic = `room-${randomUUID()}`;
    const got = { a: [] as unknown[], b: [] as unknown[], c: [] as unknown[] };
    const a = client(aliceToken, vsn).channel(topic, { config: { broadcast: { self: true, ack: true } } });
    const b = client(aliceToken, "2.0.0").channel(topic);
    const c = client(aliceToken, "1.0.0").channel(topic);
    a.on("broadcast", { event: "cursor" }, (p) => got.a.push(p));
    b.on("broadcast", { event: "cursor" }, (p) => got.b.push(p));
    c.on("broadcast", { event: "*" }, (p) => got.c.push(p));
    for (const channel of [a, b, c]) expect(await subscribe(channel)).toBe("SUBSCRIBED");
    expect(await a.send({ type: "broadcast", event: "cursor", payload: { x: 1 } })).toBe("ok");
    expect(await b.send({ type: "broadcast", event: "cursor", payload: { x: 2 } })).toBe("ok");
    await until(() => got.a.length === 2 && got.b.length === 1 && got.c.length === 2);
    await sleep(100);
    expect(got.a).toEqual([
      { type: "broadcast", event: "cursor", payload: { x: 1 } },
      { type: "broadcast", event: "cursor", payload: { x: 2 } },
    ]);
    expect(got.b).toEqual([{ type: "broadcast", event: "cursor", payload: { x: 1 } }]);
    expect(got.c).toHaveLength(2);
  });
});

describe("channels", () => {
  it("accepts broadcasts through the REST endpoints", async () => {
    const topic = `rest-${randomUUID()}`;
    const got: unknown[] = [];
    const channel = client(aliceToken).channel(topic);
    channel.on("broadcast", { event: "*" }, (p) => got.push(p));
    await subscribe(channel);
    const sender = client(aliceToken).channel(topic);
    expect(await sender.httpSend("ping", { n: 1 })).toMatchObject({ success: true });
    const response = await fetch(`${stack.url}/realtime/v1/api/broadcast`, {
      method: "POST",
      headers: { apikey: stack.context.config.publishableKey, "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ topic, event: "batch", payload: { n: 2 } }] }),
    });
    expect(response.status).toBe(202);
    const denied = await fetch(`${stack.url}/realtime/v1/api/broadcast`, {
      method: "POST",
      headers: { authorization: "Bearer nonsense", "content-type": "application/json" },
      body: "{}",
    });
    expect(denied.status).toBe(401);
    await until(() => got.length === 2);
    expect(got).toEqual([
      { type: "broadcast", event: "ping", payload: { n: 1 } },
      { type: "broadcast", event: "batch", payload: { n: 2 } },
    ]);
  });

  it("tracks presence: state on join, diffs on track, untrack and leave", async () => {
    const topic = `presence-${randomUUID()}`;
    const first = client(aliceToken).channel(topic, { config: { presence: { key: "alice" } } });
    const events: string[] = [];
    first.on("presence", { event: "join" }, ({ key }) => events.push(`join:${key}`));
    first.on("presence", { event: "leave" }, ({ key }) => events.push(`leave:${key}`));
    await subscribe(first);
    expect(await first.track({ name: "A" })).toBe("ok");
    const second = client(aliceToken, "1.0.0").channel(topic, { config: { presence: { key: "bob" } } });
    second.on("presence", { event: "sync" }, () => {});
    await subscribe(second);
    await until(() => Object.keys(second.presenceState()).length === 1);
    expect(second.presenceState().alice?.[0]).toMatchObject({ name: "A" });
    await second.track({ name: "B" });
    await until(() => events.includes("join:bob"));
    await second.untrack();
    await until(() => events.includes("leave:bob"));
    await second.track({ name: "B2" });
    await until(() => Object.keys(first.presenceState()).length === 2);
    await second.unsubscribe();
    await until(() => Object.keys(first.presenceState()).length === 1);
    expect(Object.keys(first.presenceState())).toEqual(["alice"]);
  });

  it("closes the channel when its token expires, and on an invalid access_token update", async () => {
    const now = Math.floor(Date.now() / 1000);
    const shortLived = await signJwt(stack.context.signingKey, { ...alice.claims, exp: now + 2 });
    const expiring = client(shortLived).channel(`exp-${randomUUID()}`);
    const system: unknown[] = [];
    expiring.on("system", {}, (p) => system.push(p));
    const statuses: string[] = [];
    await new Promise<void>((resolve) =>
      expiring.subscribe((status) => {
        statuses.push(status);
        if (status === "SUBSCRIBED") resolve();
      }),
    );
    await until(() => statuses.includes("CLOSED"), 5000);
    expect(system).toContainEqual(
      expect.objectContaining({
        status: "error",
        message: expect.stringMatching(/^Token has expired \d+ seconds ago$/),
      }),
    );

    const refreshed = client(aliceToken);
    const channel = refreshed.channel(`tok-${randomUUID()}`);
    const closed: string[] = [];
    await new Promise<void>((resolve) =>
      channel.subscribe((status) => {
        closed.push(status);
        if (status === "SUBSCRIBED") resolve();
      }),
    );
    await refreshed.realtime.setAuth("not-a-jwt");
    await until(() => closed.includes("CLOSED"));
  });

  it("rejects bad handshakes with Realtime's errors", async () => {
    expect(await rawSocket("vsn=2.0.0")).toMatchObject({
      status: 401,
      body: JSON.stringify({ error: "API key is missing" }),
    });
    expect(await rawSocket("apikey=garbage&vsn=2.0.0")).toMatchObject({ status: 401 });
    const noExp = await signJwt(stack.context.signingKey, { role: "authenticated", sub: alice.id });
    expect(await rawSocket(`apikey=${noExp}&vsn=2.0.0`)).toMatchObject({
      status: 401,
      body: JSON.stringify({ error: "Fields `role` and `exp` are required in JWT" }),
    });
    const expired = await signJwt(stack.context.signingKey, { ...alice.claims, exp: 1 });
    expect(await rawSocket(`apikey=${expired}&vsn=2.0.0`)).toMatchObject({
      status: 401,
      body: '{"error":"Token has expired"}',
    });
    expect(await rawSocket(`apikey=${aliceToken}&vsn=3.0.0`)).toMatchObject({ status: 400 });
  });

  it("answers heartbeats, unknown topics and join errors, and survives bad frames", async () => {
    const open = await rawSocket(`apikey=${stack.context.config.publishableKey}&vsn=2.0.0`);
    if (!("ws" in open)) throw new Error("socket refused");
    const { ws, frames } = open;
    ws.send(JSON.stringify([null, "1", "phoenix", "heartbeat", {}]));
    ws.send(JSON.stringify(["2", "2", "realtime:nojoin", "broadcast", {}]));
    ws.send(JSON.stringify(["3", "3", "realtime:", "phx_join", {}]));
    ws.send(JSON.stringify(["4", "4", "realtime:x", "phx_join", { access_token: "bad.token.here" }]));
    await until(() => frames.length === 4);
    expect(frames).toEqual([
      [null, "1", "phoenix", "phx_reply", { status: "ok", response: {} }],
      [
        "2",
        "2",
        "realtime:nojoin",
        "phx_reply",
        { status: "error", response: { reason: "unmatched topic" } },
      ],
      [
        "3",
        "3",
        "realtime:",
        "phx_reply",
        { status: "error", response: { reason: "TopicNameRequired: You must provide a topic name" } },
      ],
      [
        "4",
        "4",
        "realtime:x",
        "phx_reply",
        { status: "error", response: { reason: "MalformedJWT: The token provided is not a valid JWT" } },
      ],
    ]);
    const closed = new Promise((resolve) => ws.on("close", resolve));
    ws.send("{not json");
    await closed;
    const again = await rawSocket(`apikey=${stack.context.config.publishableKey}&vsn=1.0.0`);
    if (!("ws" in again)) throw new Error("server did not survive");
    again.ws.send(JSON.stringify({ topic: "phoenix", event: "heartbeat", payload: {}, ref: "9" }));
    await until(() => again.frames.length === 1);
    expect(again.frames[0]).toEqual({
      topic: "phoenix",
      event: "phx_reply",
      payload: { status: "ok", response: {} },
      ref: "9",
    });
    again.ws.close();
  });
});
