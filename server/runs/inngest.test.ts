import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import type { WireNode } from "@/lib/graph/nodes";
import type { WireEdge } from "@/lib/graph/schemas";
import { echoThenSum, graphOf as g, plannedRun, setUpRunEngine, waitFor } from "@/test/runs";
import { createInngestClient, createRunFunction, RUN_REQUESTED } from "./inngest";
import type { RunRequest } from "./run-engine";
import type { ToolCaller } from "./tool-caller";

const env = setUpRunEngine();
const { prisma, store } = env;

function request(nodes: WireNode[], edges: WireEdge[], input: unknown = {}): RunRequest {
  return { ...plannedRun(env.fx, nodes, edges, input), requestId: randomUUID() };
}

/** The execution a request made (its id is the Inngest run id). */
async function runIdOf(data: RunRequest): Promise<string> {
  const row = await prisma.execution.findFirst({
    where: { requestId: data.requestId },
    select: { id: true },
  });
  if (!row) throw new Error("no execution for the request");
  return row.id;
}

/** A fresh engine per test, as @inngest/test asks. */
function engineFor(tools: ToolCaller = env.sdk) {
  const fn = createRunFunction(createInngestClient({}), () => ({ store, tools, cancelPollMs: 50 }));
  return new InngestTestEngine({ function: fn });
}

describe("the Inngest function", () => {
  it("runs the same steps, one step.run per node, under Inngest's run id, and records the engine", async () => {
    const s = env.fx.serverId;
    const chain = echoThenSum(s, "7");
    const data = request(chain.nodes, chain.edges, { a: 5 });
    const out = await engineFor().execute({ events: [{ name: RUN_REQUESTED, data }] });
    const { result, ctx } = out;
    expect(result).toMatchObject({ status: "succeeded" });
    const runId = await runIdOf(data);
    const run = await store.load(runId);
    expect(run).toMatchObject({ id: runId, engine: "inngest", status: "succeeded" });
    expect(JSON.stringify(run?.logs.at(-1)?.payload?.output)).toContain("12");
    const stepIds = (ctx.step.run as unknown as { mock: { calls: unknown[][] } }).mock.calls.map(
      (call) => call[0],
    );
    expect(stepIds).toEqual(["create", "t#1", "echo#1", "sum#1", "finish"]);
  });

  it("retries a failing node after a step.sleep backoff, then fails the run", async () => {
    const s = env.fx.serverId;
    const data = request(
      [
        g.trigger(),
        g.tool(
          "slow",
          s,
          "trigger-long-running-operation",
          { duration: 3, steps: 3 },
          { retries: 1, timeoutSeconds: 1, backoffSeconds: 2 },
        ),
      ],
      [g.edge("t", "slow")],
    );
    const { result, ctx } = await engineFor().execute({
      events: [{ name: RUN_REQUESTED, data }],
      steps: [{ id: "slow#1:backoff", handler: () => undefined }],
    });
    expect(result).toMatchObject({ status: "failed" });
    const run = await store.load(await runIdOf(data));
    expect(run?.status).toBe("failed");
    expect(run?.logs.filter((l) => l.nodeId === "slow").map((l) => `${l.event}#${l.attempt}`)).toEqual([
      "started#1",
      "retried#1",
      "started#2",
      "failed#2",
    ]);
    expect(ctx.step.sleep).toHaveBeenCalledWith("slow#1:backoff", 2_000);
  });

  it("aborts the in-flight call when the run is cancelled", async () => {
    const s = env.fx.serverId;
    const data = request(
      [g.trigger(), g.tool("long", s, "trigger-long-running-operation", { duration: 10, steps: 10 })],
      [g.edge("t", "long")],
    );
    const execution = engineFor().execute({ events: [{ name: RUN_REQUESTED, data }] });
    const started = await waitFor(async () => {
      const row = await prisma.execution.findFirst({ where: { requestId: data.requestId } });
      return (
        row &&
        prisma.executionLog.findFirst({ where: { executionId: row.id, nodeId: "long", event: "started" } })
      );
    }, 10_000);
    const runId = started.executionId;
    const cancelledAt = Date.now();
    await store.requestCancel(runId);
    const { result } = await execution;
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    expect(result).toMatchObject({ status: "cancelled" });
    const run = await store.load(runId);
    expect(run?.status).toBe("cancelled");
    expect(run?.logs.at(-1)).toMatchObject({ nodeId: "long", event: "cancelled" });
  });
});
