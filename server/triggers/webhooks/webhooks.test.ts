import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import type { WireNode } from "@/lib/graph/nodes";
import { webhookNode } from "@/lib/graph/nodes/webhook";
import { getKeyring } from "@/server/platform/crypto/keyring";
import { withRls } from "@/server/platform/db/with-rls";
import { startRun } from "@/server/runs";
import { InProcessEngine } from "@/server/runs/in-process";
import { InProcessRunEngine } from "@/server/runs/in-process-run-engine";
import { createInngestClient, createRunFunction, RUN_REQUESTED } from "@/server/runs/inngest";
import { InngestRunEngine } from "@/server/runs/inngest-run-engine";
import type { RunEngine, RunRequest } from "@/server/runs/run-engine";
import { SIGNATURE_HEADER, signatureOf } from "@/server/triggers/webhook-signature";
import { databaseUrl, graphOf as g, saveGraphRows, setUpRunEngine, waitFor } from "@/test/runs";
import { callerWithClaims, trpcError } from "@/test/trpc";
import { insertTestUser, type TestUser } from "@/test/users";
import { type DeliveryDeps, handleDelivery } from "./delivery";

const env = setUpRunEngine();
const { prisma, store } = env;
let intruder: TestUser;
beforeAll(async () => {
  intruder = await insertTestUser(databaseUrl);
});

const webhook = (data: Partial<WireNode["data"]> = {}): WireNode =>
  ({
    id: "w",
    type: "webhook",
    position: { x: 0, y: 0 },
    data: { ...webhookNode.defaults, ...data },
  }) as WireNode;

async function workflowWithWebhook(data: Partial<WireNode["data"]> = {}) {
  await saveGraphRows(
    env.fx.workflowId,
    [webhook(data), g.tool("echo", env.fx.serverId, "echo", { message: "{{ input.body.text }}" })],
    [g.edge("w", "echo")],
  );
  const api = callerWithClaims(env.fx.user.claims);
  await api.triggers.setActive({ workflowId: env.fx.workflowId, active: false });
  const made = await api.triggers.webhooks.create({ workflowId: env.fx.workflowId, nodeId: "w" });
  const secret =
    made.secret ??
    (await api.triggers.webhooks.rotateSecret({ workflowId: env.fx.workflowId, nodeId: "w" })).secret;
  return { api, id: made.webhook.id, secret };
}

function inProcess(): RunEngine {
  return new InProcessRunEngine({
    store,
    executor: new InProcessEngine({ store, tools: env.sdk }),
    maxActivePerUser: 100,
  });
}

const deps = (
  engine: RunEngine = inProcess(),
  limits = { perWebhook: 1000, perOwner: 1000 },
): DeliveryDeps => ({
  keyring: getKeyring,
  runs: { store, engine: () => engine },
  limits,
});

function signed(id: string, secret: string, body: string, init: RequestInit & { query?: string } = {}) {
  const t = Math.floor(Date.now() / 1000);
  const headers = new Headers(init.headers);
  headers.set("content-type", headers.get("content-type") ?? "application/json");
  headers.set(SIGNATURE_HEADER, `t=${t},v1=${signatureOf(secret, t, new TextEncoder().encode(body))}`);
  return new Request(`http://127.0.0.1/api/webhooks/${id}${init.query ?? ""}`, {
    method: init.method ?? "POST",
    headers,
    body: init.method === "GET" ? undefined : body,
  });
}

const runsOf = (workflowId: string) =>
  prisma.execution.findMany({ where: { workflowId, triggerKind: "webhook" }, orderBy: { startedAt: "asc" } });

describe("a webhook's URL and secret", () => {
  it("makes them once, shows the secret only when made or rotated, and only to the owner", async () => {
    await saveGraphRows(env.fx.workflowId, [webhook(), g.trigger()], []);
    await prisma.webhook.deleteMany({ where: { workflowId: env.fx.workflowId } });
    const api = callerWithClaims(env.fx.user.claims);
    const key = { workflowId: env.fx.workflowId, nodeId: "w" };
    expect(await api.triggers.webhooks.get(key)).toBeNull();
    const made = await api.triggers.webhooks.create(key);
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(made.webhook.id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(made.webhook.secretHint).toBe(made.secret?.slice(-4));
    const again = await api.triggers.webhooks.create(key);
    expect(again).toMatchObject({ secret: null, webhook: { id: made.webhook.id } });
    expect(JSON.stringify(await api.triggers.webhooks.get(key))).not.toContain(made.secret);
    const stored = await prisma.webhook.findUniqueOrThrow({ where: { id: made.webhook.id } });
    expect(JSON.stringify(stored.secret)).not.toContain(made.secret?.slice(6));

    const rotated = await api.triggers.webhooks.rotateSecret(key);
    expect(rotated.secret).not.toBe(made.secret);
    expect(rotated.webhook.id).toBe(made.webhook.id);

    const other = callerWithClaims(intruder.claims);
    expect(await other.triggers.webhooks.get(key)).toBeNull();
    expect((await trpcError(other.triggers.webhooks.rotateSecret(key))).code).toBe("NOT_FOUND");
    expect((await trpcError(other.triggers.webhooks.create(key))).code).toBe("NOT_FOUND");
    const notWebhook = await trpcError(api.triggers.webhooks.create({ ...key, nodeId: "t" }));
    expect([notWebhook.code, notWebhook.message]).toEqual(["NOT_FOUND", expect.stringContaining("webhook")]);
  });
});

describe("a webhook delivery", () => {
  it("starts a run of an active workflow with the request as input; refuses an inactive or unknown one alike", async () => {
    const { api, id, secret } = await workflowWithWebhook();
    const body = JSON.stringify({ text: "hello" });
    const inactive = await handleDelivery(signed(id, secret, body), id, deps());
    const unknown = await handleDelivery(signed("x".repeat(32), secret, body), "x".repeat(32), deps());
    expect([inactive.status, unknown.status]).toEqual([404, 404]);
    expect(await inactive.json()).toEqual(await unknown.json());
    expect(await runsOf(env.fx.workflowId)).toHaveLength(0);

    await api.triggers.setActive({ workflowId: env.fx.workflowId, active: true });
    const response = await handleDelivery(
      signed(id, secret, body, { query: "?a=1&a=2&b=x", headers: { "x-custom": "yes" } }),
      id,
      deps(),
    );
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    const run = await waitFor(async () => {
      const row = await prisma.execution.findUnique({ where: { id: runId } });
      return row?.status === "succeeded" ? row : null;
    });
    expect(run).toMatchObject({ triggerKind: "webhook", triggerNodeId: "w" });
    const input = run.input as {
      method: string;
      query: unknown;
      headers: Record<string, string>;
      body: unknown;
    };
    expect(input).toMatchObject({
      method: "POST",
      query: { a: ["1", "2"], b: "x" },
      body: { text: "hello" },
    });
    expect(input.headers["x-custom"]).toBe("yes");
    expect(input.headers[SIGNATURE_HEADER]).toBeUndefined();
    const echoed = await prisma.executionLog.findFirst({
      where: { executionId: runId, nodeId: "echo", event: "succeeded" },
    });
    expect(JSON.stringify(echoed?.payload)).toContain("Echo: hello");
    await api.triggers.setActive({ workflowId: env.fx.workflowId, active: false });
  });

  it("refuses a bad signature (401), a wrong method (405), a body too large (413) or too deep (400): nothing starts", async () => {
    const { api, id, secret } = await workflowWithWebhook();
    await api.triggers.setActive({ workflowId: env.fx.workflowId, active: true });
    const before = (await runsOf(env.fx.workflowId)).length;
    const body = JSON.stringify({ text: "x" });
    const forged = signed(id, "whsec_wrong", body);
    const bad = await handleDelivery(forged, id, deps());
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: "webhooks.unauthorized" } });
    const get = await handleDelivery(signed(id, secret, "", { method: "GET" }), id, deps());
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    const large = "x".repeat(1024 * 1024 + 1);
    expect((await handleDelivery(signed(id, secret, large), id, deps())).status).toBe(413);
    const deep = `${"[".repeat(40)}${"]".repeat(40)}`;
    const tooDeep = await handleDelivery(signed(id, secret, deep), id, deps());
    expect([tooDeep.status, ((await tooDeep.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      "webhooks.invalid_body",
    ]);
    expect(await runsOf(env.fx.workflowId)).toHaveLength(before);
    await api.triggers.setActive({ workflowId: env.fx.workflowId, active: false });
  });

  it("returns the first run for a replayed Idempotency-Key, and limits deliveries per minute with 429 and Retry-After", async () => {
    const { api, id, secret } = await workflowWithWebhook({ auth: "header" });
    await api.triggers.setActive({ workflowId: env.fx.workflowId, active: true });
    const before = (await runsOf(env.fx.workflowId)).length;
    const send = (d: DeliveryDeps) =>
      handleDelivery(
        new Request(`http://127.0.0.1/api/webhooks/${id}`, {
          method: "POST",
          headers: {
            "x-tryliate-secret": secret,
            "idempotency-key": `order-${id}`,
            "content-type": "text/plain",
          },
          body: "hi",
        }),
        id,
        d,
      );
    const engine = inProcess();
    const first = (await (await send(deps(engine))).json()) as { runId: string; repeated: boolean };
    const second = (await (await send(deps(engine))).json()) as { runId: string; repeated: boolean };
    expect(first.repeated).toBe(false);
    expect(second).toEqual({ ...first, repeated: true });
    expect((await runsOf(env.fx.workflowId)).length).toBe(before + 1);

    await prisma.webhookRateCount.deleteMany({ where: { bucket: `webhook:${id}` } });
    const limited = deps(engine, { perWebhook: 2, perOwner: 1000 });
    expect((await send(limited)).status).toBe(202);
    expect((await send(limited)).status).toBe(202);
    const refused = await send(limited);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    await api.triggers.setActive({ workflowId: env.fx.workflowId, active: false });
  });

  it("answers with the chosen node's output when the run finishes", async () => {
    const { api, id, secret } = await workflowWithWebhook({
      respond: "finished",
      responseNode: "echo",
      responseStatus: 201,
    });
    await api.triggers.setActive({ workflowId: env.fx.workflowId, active: true });
    const response = await handleDelivery(signed(id, secret, JSON.stringify({ text: "sync" })), id, deps());
    expect(response.status).toBe(201);
    expect(JSON.stringify(await response.json())).toContain("Echo: sync");
    expect(response.headers.get("tryliate-run-id")).toMatch(/^run_/);
    await api.triggers.setActive({ workflowId: env.fx.workflowId, active: false });
  });

  it("past its wait answers 202 and lets the run go on; a failed run answers 502 with its error", async () => {
    await saveGraphRows(
      env.fx.workflowId,
      [
        webhook({ respond: "finished", waitSeconds: 1, auth: "header" }),
        g.tool("slow", env.fx.serverId, "trigger-long-running-operation", { duration: 3, steps: 3 }),
      ],
      [g.edge("w", "slow")],
    );
    const api = callerWithClaims(env.fx.user.claims);
    const key = { workflowId: env.fx.workflowId, nodeId: "w" };
    await api.triggers.webhooks.create(key);
    const { secret } = await api.triggers.webhooks.rotateSecret(key);
    await api.triggers.setActive({ workflowId: env.fx.workflowId, active: true });
    const { id } = (await api.triggers.webhooks.get(key)) ?? { id: "" };
    const send = () =>
      handleDelivery(
        new Request(`http://127.0.0.1/api/webhooks/${id}`, {
          method: "POST",
          headers: { "x-tryliate-secret": secret },
        }),
        id,
        deps(),
      );
    const startedAt = Date.now();
    const waited = await send();
    expect(waited.status).toBe(202);
    expect(Date.now() - startedAt).toBeLessThan(2_500);
    const { runId } = (await waited.json()) as { runId: string };
    await waitFor(async () => {
      const row = await prisma.execution.findUnique({ where: { id: runId } });
      return row?.status === "succeeded" ? row : null;
    }, 20_000);

    await saveGraphRows(
      env.fx.workflowId,
      [
        webhook({ respond: "finished", waitSeconds: 10, auth: "header" }),
        g.tool("bad", env.fx.serverId, "get-sum", { a: "{{ input.body }}", b: 1 }, { retries: 0 }),
      ],
      [g.edge("w", "bad")],
    );
    const failed = await send();
    expect(failed.status).toBe(502);
    expect(await failed.json()).toMatchObject({ status: "failed", error: expect.any(String) });
    await api.triggers.setActive({ workflowId: env.fx.workflowId, active: false });
  }, 30_000);

  it("keeps one delivery as the test event while listening, even inactive, and starts no run", async () => {
    const { api, id, secret } = await workflowWithWebhook();
    const key = { workflowId: env.fx.workflowId, nodeId: "w" };
    const before = (await runsOf(env.fx.workflowId)).length;
    expect((await api.triggers.webhooks.listen({ ...key, listening: true }))?.listening).toBe(true);
    const caught = await handleDelivery(signed(id, secret, JSON.stringify({ text: "sample" })), id, deps());
    expect(caught.status).toBe(200);
    const seen = await api.triggers.webhooks.get(key);
    expect(seen).toMatchObject({ listening: false, testEvent: { method: "POST", body: { text: "sample" } } });
    // Listening ended with that delivery: the inactive webhook is unknown again.
    expect((await handleDelivery(signed(id, secret, "{}"), id, deps())).status).toBe(404);
    expect((await runsOf(env.fx.workflowId)).length).toBe(before);
  });

  it("on Inngest, enqueues an event that the run function turns into a webhook run", async () => {
    const { api, id, secret } = await workflowWithWebhook({ auth: "header" });
    await api.triggers.setActive({ workflowId: env.fx.workflowId, active: true });
    const events: { name: string; data: Record<string, unknown>; id?: string }[] = [];
    const engine = new InngestRunEngine({
      store,
      events: async () => ({ send: async (e) => events.push(e) }),
    });
    const response = await handleDelivery(
      new Request(`http://127.0.0.1/api/webhooks/${id}`, {
        method: "POST",
        headers: {
          "x-tryliate-secret": secret,
          "idempotency-key": "evt-1",
          "content-type": "application/json",
        },
        body: JSON.stringify({ text: "queued" }),
      }),
      id,
      deps(engine),
    );
    expect(response.status).toBe(202);
    expect(events).toHaveLength(1);
    const event = events[0] as { name: string; data: RunRequest; id?: string };
    expect(event).toMatchObject({
      name: RUN_REQUESTED,
      data: { trigger: { kind: "webhook", key: "evt-1" } },
    });
    expect(event.id).toBe(event.data.requestId);
    const fn = createRunFunction(createInngestClient({}), () => ({
      store,
      tools: env.sdk,
      cancelPollMs: 50,
    }));
    await new InngestTestEngine({ function: fn }).execute({
      events: [{ name: event.name, data: event.data }],
    });
    const run = await prisma.execution.findFirstOrThrow({ where: { requestId: event.data.requestId } });
    expect(run).toMatchObject({ triggerKind: "webhook", triggerKey: "evt-1", status: "succeeded" });
    await api.triggers.setActive({ workflowId: env.fx.workflowId, active: false });
  });
});

describe("a run by hand of a workflow with a webhook", () => {
  it("starts from the manual trigger beside the webhook, or from the webhook when it is chosen", async () => {
    await saveGraphRows(
      env.fx.workflowId,
      [
        g.trigger("t", '{"body":{"text":"by hand"}}'),
        webhook(),
        g.tool("echo", env.fx.serverId, "echo", { message: "{{ input.body.text }}" }),
      ],
      [g.edge("t", "echo"), g.edge("w", "echo")],
    );
    const db = <T>(fn: Parameters<typeof withRls<T>>[1]) => withRls(env.fx.user.claims, fn);
    const runs = { store, engine: () => inProcess() };
    const input = '{"body":{"text":"by hand"}}';
    const manual = await startRun(db, env.fx.user.id, { workflowId: env.fx.workflowId, input }, runs);
    const chosen = await startRun(
      db,
      env.fx.user.id,
      { workflowId: env.fx.workflowId, input, triggerNodeId: "w" },
      runs,
    );
    const rows = await prisma.execution.findMany({
      where: { id: { in: [manual.id ?? "", chosen.id ?? ""] } },
    });
    expect(Object.fromEntries(rows.map((row) => [row.id, [row.triggerNodeId, row.triggerKind]]))).toEqual({
      [manual.id ?? ""]: ["t", "manual"],
      [chosen.id ?? ""]: ["w", "manual"],
    });
  });
});
