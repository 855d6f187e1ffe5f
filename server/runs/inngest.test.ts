import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WireNode } from "@/lib/graph/nodes";
import type { WireEdge } from "@/lib/graph/schemas";
import { graphOf as g, recordingCaller, type RunFixture, runFixture, testPrisma } from "@/test/runs";
import { createInngestClient, createRunFunction, RUN_REQUESTED, type RunRequest } from "./inngest";
import { registryLookup } from "./registry-lookup";
import { RunStore } from "./store";
import { createSdkToolCaller, type ToolCaller } from "./tool-caller";

const prisma = testPrisma();
const store = new RunStore(prisma);
let fx: RunFixture;
let sdk: ReturnType<typeof createSdkToolCaller>;

beforeAll(async () => {
  fx = await runFixture();
  sdk = createSdkToolCaller(registryLookup(prisma));
}, 60_000);

afterAll(async () => {
  await sdk?.close();
  await fx?.everything.stop();
});

function request(nodes: WireNode[], edges: WireEdge[], input: unknown = {}): RunRequest {
  return { requestId: randomUUID(), workflowId: fx.workflowId, userId: fx.user.id, input, triggerNodeId: "t", graph: { nodes, edges }, sourceId: null, reused: [] };
}

/** The execution a request made (its id is the Inngest run id). */
async function runIdOf(data: RunRequest): Promise<string> {
  const row = await prisma.execution.findFirst({ where: { requestId: data.requestId }, select: { id: true } });
  if (!row) throw new Error("no execution for the request");
  return row.id;
}

/** A fresh engine per test, as @inngest/test asks. */
function engineFor(tools: ToolCaller = sdk) {
  const fn = createRunFunction(createInngestClient({}), () => ({ store, tools, cancelPollMs: 50 }));
  return new InngestTestEngine({ function: fn });
}

describe("the Inngest function", () => {
  it("runs the same steps, one step.run per node, under Inngest's run id, and records the engine", async () => {
    const s = fx.serverId;
    const data = request(
      [g.trigger(), g.tool("echo", s, "echo", { message: "7" }), g.tool("sum", s, "get-sum", { a: "{{ input.a }}", b: "{{ $number($substringAfter(nodes.echo.content[0].text, ': ')) }}" })],
      [g.edge("t", "echo"), g.edge("echo", "sum")],
      { a: 5 },
    );
    const out = await engineFor().execute({ events: [{ name: RUN_REQUESTED, data }] });
    const { result, ctx } = out;
    expect(result).toMatchObject({ status: "succeeded" });
    const runId = await runIdOf(data);
    const run = await store.load(runId);
    expect(run).toMatchObject({ id: runId, engine: "inngest", status: "succeeded" });
    expect(run?.logs.map((l) => `${l.nodeId}:${l.event}`)).toEqual(["t:started", "t:succeeded", "echo:started", "echo:succeeded", "sum:started", "sum:succeeded"]);
    expect(JSON.stringify(run?.logs.at(-1)?.payload?.output)).toContain("12");
    const stepIds = (ctx.step.run as unknown as { mock: { calls: unknown[][] } }).mock.calls.map((call) => call[0]);
    expect(stepIds).toEqual(["create", "t#1", "echo#1", "sum#1", "finish"]);
  });

  it("retries a failing node after a step.sleep backoff, then fails the run", async () => {
    const s = fx.serverId;
    const data = request(
      [g.trigger(), g.tool("slow", s, "trigger-long-running-operation", { duration: 3, steps: 3 }, { retries: 1, timeoutSeconds: 1 })],
      [g.edge("t", "slow")],
    );
    const { result, ctx } = await engineFor().execute({ events: [{ name: RUN_REQUESTED, data }], steps: [{ id: "slow#1:backoff", handler: () => undefined }] });
    expect(result).toMatchObject({ status: "failed" });
    const run = await store.load(await runIdOf(data));
    expect(run?.status).toBe("failed");
    expect(run?.logs.filter((l) => l.nodeId === "slow").map((l) => `${l.event}#${l.attempt}`)).toEqual(["started#1", "retried#1", "started#2", "failed#2"]);
    expect(ctx.step.sleep).toHaveBeenCalledWith("slow#1:backoff", 1_000);
  });

  it("reuses the steps of a retried run without calling them", async () => {
    const s = fx.serverId;
    const rec = recordingCaller(sdk);
    const data: RunRequest = {
      ...request([g.trigger(), g.tool("echo", s, "echo", { message: "old" }), g.tool("again", s, "echo", { message: "{{ nodes.echo.content[0].text }}" })], [g.edge("t", "echo"), g.edge("echo", "again")]),
      reused: [
        { workflowId: fx.workflowId, nodeId: "t", stepName: "Start", event: "succeeded", attempt: 1, payload: { output: {}, handles: ["out"], reused: true } },
        { workflowId: fx.workflowId, nodeId: "echo", stepName: "echo", event: "succeeded", attempt: 1, payload: { output: { content: [{ type: "text", text: "Echo: reused" }] }, handles: ["out"], reused: true } },
      ],
    };
    await engineFor(rec.caller).execute({ events: [{ name: RUN_REQUESTED, data }] });
    expect(rec.calls.map((c) => c.args)).toEqual([{ message: "Echo: reused" }]);
    expect((await store.load(await runIdOf(data)))?.status).toBe("succeeded");
  });

  it("aborts the in-flight call when the run is cancelled", async () => {
    const s = fx.serverId;
    const data = request([g.trigger(), g.tool("long", s, "trigger-long-running-operation", { duration: 10, steps: 10 })], [g.edge("t", "long")]);
    const execution = engineFor().execute({ events: [{ name: RUN_REQUESTED, data }] });
    const deadline = Date.now() + 10_000;
    let runId: string | undefined;
    while (!runId && Date.now() < deadline) {
      const row = await prisma.execution.findFirst({ where: { requestId: data.requestId } });
      const started = row && (await prisma.executionLog.findFirst({ where: { executionId: row.id, nodeId: "long", event: "started" } }));
      if (started) runId = row.id;
      else await new Promise((r) => setTimeout(r, 25));
    }
    expect(runId).toBeDefined();
    const cancelledAt = Date.now();
    await store.requestCancel(runId as string);
    const { result } = await execution;
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    expect(result).toMatchObject({ status: "cancelled" });
    const run = await store.load(runId as string);
    expect(run?.status).toBe("cancelled");
    expect(run?.logs.at(-1)).toMatchObject({ nodeId: "long", event: "cancelled" });
  });
});
