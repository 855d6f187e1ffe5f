import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RealtimePostgresChangesPayload, SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack } from "../../test/local-stack";
import { realtimeClient, sleep, sql, subscribe, until, whenListening } from "../../test/realtime-clients";
import { insertTestUser, type TestUser } from "../../test/users";
import { signJwt } from "../keys";
import type { LocalStack } from "../server";

type Row = Record<string, unknown>;
type Change = RealtimePostgresChangesPayload<Row>;

let stack: LocalStack;
let alice: TestUser;
let bob: TestUser;
let aliceToken: string;
let bobToken: string;
const clients: SupabaseClient[] = [];

beforeAll(async () => {
  const url = process.env.DATABASE_URL as string;
  stack = await startTestStack();
  alice = await insertTestUser(url);
  bob = await insertTestUser(url);
  aliceToken = await signJwt(stack.context.signingKey, alice.claims);
  bobToken = await signJwt(stack.context.signingKey, bob.claims);
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

/** Subscribes to `params` and collects every change the callback receives. */
async function listen(token: string | undefined, params: Record<string, string>, vsn?: "1.0.0" | "2.0.0") {
  const received: Change[] = [];
  const channel = client(token, vsn).channel(`pg-${randomUUID()}`);
  channel.on("postgres_changes", params as never, (payload: Change) => received.push(payload));
  const listening = whenListening(channel);
  expect(await subscribe(channel)).toBe("SUBSCRIBED");
  await listening;
  return { received, channel };
}

async function newWorkflow(owner: TestUser, name = "Flow") {
  const [row] = await sql<{ id: string }>(
    "insert into public.workflows (user_id, name) values ($1, $2) returning id",
    [owner.id, name],
  );
  return row?.id as string;
}

describe.each(["2.0.0", "1.0.0"] as const)("postgres_changes over vsn %s", (vsn) => {
  it("delivers INSERT, UPDATE and DELETE with Realtime's payload shape", async () => {
    const { received } = await listen(aliceToken, { event: "*", schema: "public", table: "workflows" }, vsn);
    const id = await newWorkflow(alice, "First");
    await sql("update public.workflows set name = 'Second', state = '{\"a\":[1,2]}' where id = $1", [id]);
    await sql("delete from public.workflows where id = $1", [id]);
    await until(() => received.length === 3);
    const [insert, update, remove] = received as [Change, Change, Change];
    expect(insert).toMatchObject({
      schema: "public",
      table: "workflows",
      eventType: "INSERT",
      errors: null,
      old: {},
    });
    expect(insert.commit_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(insert.new).toMatchObject({ id, name: "First", user_id: alice.id, description: null });
    expect(update).toMatchObject({
      eventType: "UPDATE",
      new: { id, name: "Second", state: { a: [1, 2] } },
      old: { id },
    });
    expect(typeof (update.new as Row).updated_at).toBe("string");
    expect(remove).toMatchObject({ eventType: "DELETE", new: {}, old: { id } });
    expect(Object.keys(remove.old)).toEqual(["id"]);
  });
});

describe("postgres_changes routing", () => {
  it("filters by event type and by eq/neq/lt/lte/gt/gte/in", async () => {
    const wf = await newWorkflow(alice);
    const base = { schema: "public", table: "nodes" };
    const listeners = {
      inserts: await listen(aliceToken, { ...base, event: "INSERT" }),
      eq: await listen(aliceToken, { ...base, event: "*", filter: "id=eq.n2" }),
      neq: await listen(aliceToken, { ...base, event: "INSERT", filter: "id=neq.n2" }),
      lt: await listen(aliceToken, { ...base, event: "INSERT", filter: "position_x=lt.2" }),
      lte: await listen(aliceToken, { ...base, event: "INSERT", filter: "position_x=lte.2" }),
      gt: await listen(aliceToken, { ...base, event: "INSERT", filter: "position_x=gt.2" }),
      gte: await listen(aliceToken, { ...base, event: "INSERT", filter: "position_x=gte.2" }),
      in: await listen(aliceToken, { ...base, event: "INSERT", filter: "id=in.(n1,n3)" }),
      wholeSchema: await listen(aliceToken, { event: "INSERT", schema: "public" }),
    };
    for (const [id, x] of [
      ["n1", 1],
      ["n2", 2],
      ["n3", 3],
    ] as const) {
      await sql("insert into public.nodes (workflow_id, id, type, position_x) values ($1, $2, 'memo', $3)", [
        wf,
        id,
        x,
      ]);
    }
    await sql("update public.nodes set position_x = 9 where workflow_id = $1 and id = 'n2'", [wf]);
    await until(() => listeners.inserts.received.length === 3 && listeners.eq.received.length === 2);
    await sleep(300);
    const ids = (l: { received: Change[] }) => l.received.map((c) => (c.new as Row).id);
    expect(ids(listeners.inserts)).toEqual(["n1", "n2", "n3"]);
    expect(listeners.eq.received.map((c) => c.eventType)).toEqual(["INSERT", "UPDATE"]);
    expect(ids(listeners.neq)).toEqual(["n1", "n3"]);
    expect(ids(listeners.lt)).toEqual(["n1"]);
    expect(ids(listeners.lte)).toEqual(["n1", "n2"]);
    expect(ids(listeners.gt)).toEqual(["n3"]);
    expect(ids(listeners.gte)).toEqual(["n2", "n3"]);
    expect(ids(listeners.in)).toEqual(["n1", "n3"]);
    expect(listeners.wholeSchema.received.filter((c) => c.table === "nodes")).toHaveLength(3);
  });

  it("keeps other users' rows, including DELETEs, away from bob and anon", async () => {
    const bobAll = await listen(bobToken, { event: "*", schema: "public", table: "workflows" });
    const wf = await newWorkflow(alice, "secret");
    const bobFiltered = await listen(bobToken, {
      event: "*",
      schema: "public",
      table: "nodes",
      filter: `workflow_id=eq.${wf}`,
    });
    const bobSchema = await listen(bobToken, { event: "*", schema: "public" });
    const aliceNodes = await listen(aliceToken, {
      event: "*",
      schema: "public",
      table: "nodes",
      filter: `workflow_id=eq.${wf}`,
    });
    const anonChannel = client().channel(`anon-${randomUUID()}`);
    const anonReceived: Change[] = [];
    anonChannel.on("postgres_changes", { event: "*", schema: "public" }, (p: Change) => anonReceived.push(p));
    expect(await subscribe(anonChannel)).toBe("SUBSCRIBED");
    await sleep(200);

    await sql("insert into public.nodes (workflow_id, id, type) values ($1, 'a', 'memo')", [wf]);
    await sql("update public.nodes set data = '{\"x\":1}' where workflow_id = $1", [wf]);
    await sql("delete from public.nodes where workflow_id = $1", [wf]);
    // Cascade: the workflow and its nodes go in one transaction; alice still hears both.
    await sql("insert into public.nodes (workflow_id, id, type) values ($1, 'b', 'memo')", [wf]);
    await sql("delete from public.workflows where id = $1", [wf]);
    const bobWf = await newWorkflow(bob, "bob's");
    await until(() => aliceNodes.received.length === 5 && bobAll.received.length === 1);
    await sleep(500);
    expect(aliceNodes.received.map((c) => c.eventType)).toEqual([
      "INSERT",
      "UPDATE",
      "DELETE",
      "INSERT",
      "DELETE",
    ]);
    expect(bobFiltered.received).toEqual([]);
    expect(bobSchema.received.map((c) => [c.table, (c.new as Row).id])).toEqual([["workflows", bobWf]]);
    expect(bobAll.received.map((c) => (c.new as Row).id)).toEqual([bobWf]);
    expect(anonReceived).toEqual([]);
  });

  it("publishes only the users table's published columns", async () => {
    const { received } = await listen(aliceToken, { event: "UPDATE", schema: "public", table: "users" });
    await sql("update public.users set display_name = 'Alice', email = email where id = $1", [alice.id]);
    await sql("update public.users set display_name = 'Bob' where id = $1", [bob.id]);
    await until(() => received.length === 1);
    await sleep(300);
    expect(received).toHaveLength(1);
    expect(Object.keys(received[0]?.new ?? {}).sort()).toEqual(["avatar_url", "color", "display_name", "id"]);
  });

  it("carries rows larger than NOTIFY's 8 kB limit", async () => {
    const wf = await newWorkflow(alice);
    const { received } = await listen(aliceToken, { event: "INSERT", schema: "public", table: "nodes" });
    const big = { text: "x".repeat(50_000) };
    await sql("insert into public.nodes (workflow_id, id, type, data) values ($1, 'big', 'memo', $2)", [
      wf,
      big,
    ]);
    await until(() => received.length === 1);
    expect((received[0]?.new as Row | undefined)?.data).toEqual(big);
  });

  it("reports tables outside the publication and bad filters as system errors", async () => {
    const channel = client(aliceToken).channel(`bad-${randomUUID()}`);
    channel.on("postgres_changes", { event: "*", schema: "public", table: "flow_space" }, () => {});
    const listening = whenListening(channel);
    expect(await subscribe(channel)).toBe("SUBSCRIBED");
    await expect(listening).rejects.toThrow(/Unable to subscribe to changes/);

    const filtered = client(aliceToken).channel(`badf-${randomUUID()}`);
    filtered.on(
      "postgres_changes",
      { event: "*", schema: "public", table: "nodes", filter: "id=like.x" },
      () => {},
    );
    const filterError = whenListening(filtered);
    await subscribe(filtered);
    await expect(filterError).rejects.toThrow(/Error parsing `filter` params/);
  });

  it("sees tables added to the publication later", async () => {
    await sql("create table public.rt_later (id int primary key, note text)");
    await sql("grant select on public.rt_later to authenticated");
    await sql("alter publication supabase_realtime add table public.rt_later");
    try {
      const { received } = await listen(aliceToken, { event: "INSERT", schema: "public", table: "rt_later" });
      await sql("insert into public.rt_later values (1, 'hi')");
      await until(() => received.length === 1);
      expect(received[0]?.new).toEqual({ id: 1, note: "hi" });
    } finally {
      await sql("alter publication supabase_realtime drop table public.rt_later");
      await sql("drop table public.rt_later");
    }
  });

  it("resumes after Postgres drops its connections, catching up on missed changes", async () => {
    const { received } = await listen(aliceToken, { event: "INSERT", schema: "public", table: "workflows" });
    await sql(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
    );
    const id = await newWorkflow(alice, "after restart");
    await until(() => received.length === 1, 10_000);
    expect((received[0]?.new as Row | undefined)?.id).toBe(id);
  });
});

describe("server restart", () => {
  it("clients reconnect, rejoin and receive changes again", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "tryliate-rt-restart-"));
    let restartable = await startTestStack({ dataDir });
    // Restarted on the port it got, so the clients' reconnects reach the new server.
    const port = Number(new URL(restartable.url).port);
    try {
      const token = await signJwt(restartable.context.signingKey, alice.claims);
      const received: Change[] = [];
      const rt = realtimeClient(restartable, token);
      clients.push(rt);
      const channel = rt.channel(`restart-${randomUUID()}`);
      channel.on("postgres_changes", { event: "INSERT", schema: "public", table: "workflows" }, (p: Change) =>
        received.push(p),
      );
      let listening = 0;
      channel.on("system", {}, (p: { status: string }) => {
        if (p.status === "ok") listening++;
      });
      const statuses: string[] = [];
      channel.subscribe((status) => statuses.push(status));
      await until(() => listening === 1);
      await restartable.close();
      restartable = await startTestStack({ port, dataDir });
      await until(() => listening === 2, 10_000);
      expect(statuses).toEqual(["SUBSCRIBED", "CHANNEL_ERROR", "SUBSCRIBED"]);
      const id = await newWorkflow(alice, "after server restart");
      await until(() => received.some((c) => (c.new as Row | undefined)?.id === id), 5000);
    } finally {
      await restartable.close();
    }
  });
});
