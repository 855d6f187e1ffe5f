import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WireNode } from "@/lib/graph/nodes";
import type { WireEdge } from "@/lib/graph/schemas";
import { RUN_LIMITS } from "@/lib/runs/status";
import { databaseUrl, graphOf as g, type RunFixture, runFixture, saveGraphRows } from "@/test/runs";
import { callerWithClaims, trpcError } from "@/test/trpc";
import { insertTestUser, type TestUser } from "@/test/users";
import { runtime } from "./engine";

let fx: RunFixture;
let bob: TestUser;
const callerFor = callerWithClaims;

beforeAll(async () => {
  fx = await runFixture();
  bob = await insertTestUser(databaseUrl);
}, 60_000);

afterAll(async () => {
  await fx?.everything.stop();
});

const saveGraph = (nodes: WireNode[], edges: WireEdge[]) => saveGraphRows(fx.workflowId, nodes, edges);

async function settled(id: string) {
  const api = callerFor(fx.user.claims);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const run = await api.runs.get({ id });
    if (run.status !== "queued" && run.status !== "running") return run;
    if (Date.now() > deadline) throw new Error(`run ${id} did not finish`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("runs router", () => {
  it("starts a run, lists it and returns it with every step", async () => {
    const s = fx.serverId;
    await saveGraph(
      [g.trigger(), g.tool("echo", s, "echo", { message: "{{ input.text }}" })],
      [g.edge("t", "echo")],
    );
    const api = callerFor(fx.user.claims);
    const started = await api.runs.start({ workflowId: fx.workflowId, input: '{"text":"hi"}' });
    expect(started.engine).toBe("in-process");
    const run = await settled(started.id as string);
    expect(run.status).toBe("succeeded");
    expect(run.steps.map((step) => `${step.nodeId}:${step.event}`)).toEqual([
      "t:started",
      "t:succeeded",
      "echo:started",
      "echo:succeeded",
    ]);
    expect(JSON.stringify(run.steps.at(-1)?.payload.output)).toContain("Echo: hi");
    expect((await api.runs.list({ workflowId: fx.workflowId }))[0]).toMatchObject({
      id: started.id,
      status: "succeeded",
      engine: "in-process",
    });
  });

  it("refuses bad input, an unrunnable graph and other users' workflows and runs, changing nothing", async () => {
    const s = fx.serverId;
    await saveGraph([g.trigger(), g.tool("sum", s, "get-sum", { a: "one" })], [g.edge("t", "sum")]);
    const api = callerFor(fx.user.claims);
    const before = (await api.runs.list({ workflowId: fx.workflowId })).length;
    const notJson = await trpcError(api.runs.start({ workflowId: fx.workflowId, input: "{nope" }));
    expect([notJson.code, notJson.message]).toEqual([
      "BAD_REQUEST",
      expect.stringMatching(/^The input is not JSON/),
    ]);
    const big = await trpcError(
      api.runs.start({
        workflowId: fx.workflowId,
        input: JSON.stringify("x".repeat(RUN_LIMITS.maxInputBytes)),
      }),
    );
    expect(big.code).toBe("BAD_REQUEST");
    const unrunnable = await trpcError(api.runs.start({ workflowId: fx.workflowId, input: "{}" }));
    expect(unrunnable.code).toBe("BAD_REQUEST");
    expect(unrunnable.message).toContain('"sum" (sum): b: required');
    expect(unrunnable.message).toContain('"sum" (sum): a: must be a number');
    expect((await api.runs.list({ workflowId: fx.workflowId })).length).toBe(before);

    const intruder = callerFor(bob.claims);
    expect((await trpcError(intruder.runs.start({ workflowId: fx.workflowId, input: "{}" }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await trpcError(intruder.runs.list({ workflowId: fx.workflowId }))).code).toBe("NOT_FOUND");
    const someRun = (await api.runs.list({ workflowId: fx.workflowId }))[0]?.id as string;
    for (const call of [intruder.runs.get, intruder.runs.cancel, intruder.runs.rerun, intruder.runs.retry]) {
      expect((await trpcError(call({ id: someRun }))).message).toBe(
        "This run does not exist or is not yours.",
      );
    }
  });

  it("retries a failed run from its failed step, taking over the steps before it", async () => {
    const s = fx.serverId;
    const sum = (b: unknown) => g.tool("sum", s, "get-sum", { a: 1, b }, { retries: 0 });
    await saveGraph(
      [g.trigger(), g.tool("echo", s, "echo", { message: "2" }), sum("{{ nodes.echo.content[0].text }}")],
      [g.edge("t", "echo"), g.edge("echo", "sum")],
    );
    const api = callerFor(fx.user.claims);
    const failed = await settled(
      (await api.runs.start({ workflowId: fx.workflowId, input: "{}" })).id as string,
    );
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/"sum" \(sum\) failed/);

    await saveGraph(
      [
        g.trigger(),
        g.tool("echo", s, "echo", { message: "2" }),
        sum("{{ $number($substringAfter(nodes.echo.content[0].text, ': ')) }}"),
      ],
      [g.edge("t", "echo"), g.edge("echo", "sum")],
    );
    const retried = await settled((await api.runs.retry({ id: failed.id })).id as string);
    expect(retried.status).toBe("succeeded");
    expect(retried.sourceId).toBe(failed.id);
    expect(
      retried.steps.map((step) => `${step.nodeId}:${step.event}${step.payload.reused ? " (reused)" : ""}`),
    ).toEqual(["t:succeeded (reused)", "echo:succeeded (reused)", "sum:started", "sum:succeeded"]);
    expect((await trpcError(api.runs.retry({ id: retried.id }))).code).toBe("BAD_REQUEST");
    const again = await settled((await api.runs.rerun({ id: retried.id })).id as string);
    expect(again.steps.filter((step) => step.event === "started").map((step) => step.nodeId)).toEqual([
      "t",
      "echo",
      "sum",
    ]);
  });

  it("caps a user's runs going at once, and cancels them", async () => {
    const s = fx.serverId;
    await saveGraph(
      [g.trigger(), g.tool("long", s, "trigger-long-running-operation", { duration: 20, steps: 20 })],
      [g.edge("t", "long")],
    );
    const api = callerFor(fx.user.claims);
    const ids: string[] = [];
    for (let i = 0; i < RUN_LIMITS.maxActiveRunsPerUser; i++)
      ids.push((await api.runs.start({ workflowId: fx.workflowId, input: "{}" })).id as string);
    const over = await trpcError(api.runs.start({ workflowId: fx.workflowId, input: "{}" }));
    expect([over.code, over.message]).toEqual([
      "TOO_MANY_REQUESTS",
      expect.stringMatching(/at most 5 at once/),
    ]);
    for (const id of ids) expect(await api.runs.cancel({ id })).toEqual({ id, status: "cancelled" });
    for (const id of ids) expect((await settled(id)).status).toBe("cancelled");
    await Promise.all(ids.map((id) => runtime().inProcess.finished(id)));
  });

  it("lists every workflow's runs with the trigger that started them, filtered, and each workflow's newest", async () => {
    const api = callerFor(fx.user.claims);
    const other = await api.workflows.create({ name: "second workflow" });
    await saveGraphRows(other.id, [g.trigger()], []);
    await saveGraph([g.trigger()], []);
    const first = await api.runs.start({ workflowId: fx.workflowId, input: "{}" });
    await settled(first.id as string);
    const second = await api.runs.start({ workflowId: other.id, input: '{"n":1}' });
    await settled(second.id as string);
    // A run a webhook started, as the triggers will hand it to the engine.
    const hooked = await runtime().engines["in-process"].start({
      workflowId: other.id,
      userId: fx.user.id,
      input: { body: "x" },
      triggerNodeId: "t",
      graph: { nodes: [g.trigger()], edges: [] },
      sourceId: null,
      reused: [],
      trigger: { kind: "webhook", key: "delivery-1" },
    });
    await settled(hooked.id as string);

    const all = await api.runs.listAll({});
    expect(all.slice(0, 3).map((run) => [run.id, run.workflowName, run.trigger])).toEqual([
      [hooked.id, "second workflow", { kind: "webhook", nodeId: "t" }],
      [second.id, "second workflow", { kind: "manual", nodeId: "t" }],
      [first.id, "runs test", { kind: "manual", nodeId: "t" }],
    ]);
    expect((await api.runs.listAll({ trigger: "webhook" })).map((run) => run.id)).toEqual([hooked.id]);
    expect(
      (await api.runs.listAll({ workflowId: other.id, trigger: "manual" })).map((run) => run.id),
    ).toEqual([second.id]);
    expect((await api.runs.listAll({ status: "queued" })).length).toBe(0);

    const latest = await api.runs.latest({});
    expect(latest[other.id]).toMatchObject({
      id: hooked.id,
      status: "succeeded",
      trigger: { kind: "webhook" },
    });
    expect(latest[fx.workflowId]?.id).toBe(first.id);

    const intruder = callerFor(bob.claims);
    expect(await intruder.runs.listAll({})).toEqual([]);
    expect(await intruder.runs.latest({})).toEqual({});
  });
});
