import { describe, expect, it } from "vitest";
import type { WireNode } from "@/lib/graph/nodes";
import type { WireEdge } from "@/lib/graph/schemas";
import { graphOf as g, recordingCaller, setUpRunEngine, storeRun, waitFor } from "@/test/runs";
import { InProcessEngine } from "./in-process";
import { planRun } from "./plan";
import type { StoredLog } from "./store";

const env = setUpRunEngine();
const { prisma, store } = env;

async function createRun(nodes: WireNode[], edges: WireEdge[], input: unknown = {}) {
  planRun({ nodes, edges }, "t", () => ({ inputSchema: null }));
  return storeRun(store, env.fx, { nodes, edges }, { input });
}

const events = (logs: StoredLog[]) => logs.map((log) => `${log.nodeId}:${log.event}`);

describe("the in-process engine against server-everything", () => {
  it("takes one branch of a condition and skips the nodes of the other", async () => {
    const s = env.fx.serverId;
    const id = await createRun(
      [
        g.trigger(),
        g.condition("if", "input.n > 1"),
        g.tool("yes", s, "echo", { message: "yes" }),
        g.tool("no", s, "echo", { message: "no" }),
        g.tool("after-no", s, "echo", { message: "x" }),
      ],
      [g.edge("t", "if"), g.edge("if", "yes", "true"), g.edge("if", "no", "false"), g.edge("no", "after-no")],
      { n: 5 },
    );
    const rec = recordingCaller(env.sdk);
    await new InProcessEngine({ store, tools: rec.caller }).start(id);
    const run = await store.load(id);
    expect(run?.status).toBe("succeeded");
    const ended = events(run?.logs ?? []).filter((e) => !e.endsWith("started"));
    expect(ended.slice(0, 2)).toEqual(["t:succeeded", "if:succeeded"]);
    // The two branches go on at the same time: their rows may interleave either way.
    expect(ended.slice(2).sort()).toEqual(["after-no:skipped", "no:skipped", "yes:succeeded"]);
    expect(rec.calls.map((c) => c.args.message)).toEqual(["yes"]);
  });

  it("runs independent branches at the same time, never more than the bound", async () => {
    const s = env.fx.serverId;
    const branches = ["a", "b", "c", "d"].map((x) =>
      g.tool(x, s, "trigger-long-running-operation", { duration: 0.4, steps: 1 }),
    );
    const id = await createRun(
      [g.trigger(), ...branches],
      branches.map((b) => g.edge("t", b.id)),
    );
    const rec = recordingCaller(env.sdk);
    const started = Date.now();
    await new InProcessEngine({ store, tools: rec.caller, maxParallel: 2 }).start(id);
    const elapsed = Date.now() - started;
    expect(rec.maxInFlight()).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(800);
    expect(elapsed).toBeLessThan(1_500 * 2);
    expect((await store.load(id))?.status).toBe("succeeded");
  });

  it("retries a step that times out, waiting the node's own backoff, then fails the run naming the node", async () => {
    const s = env.fx.serverId;
    const id = await createRun(
      [
        g.trigger(),
        g.tool(
          "slow",
          s,
          "trigger-long-running-operation",
          { duration: 5, steps: 5 },
          { retries: 2, timeoutSeconds: 1, backoffSeconds: 1.2 },
        ),
      ],
      [g.edge("t", "slow")],
    );
    const outcome = await new InProcessEngine({ store, tools: env.sdk }).start(id);
    expect(outcome).toMatchObject({ status: "failed" });
    const run = await store.load(id);
    expect(run?.status).toBe("failed");
    const slow = run?.logs.filter((l) => l.nodeId === "slow") ?? [];
    expect(slow.map((l) => `${l.event}#${l.attempt}`)).toEqual([
      "started#1",
      "retried#1",
      "started#2",
      "retried#2",
      "started#3",
      "failed#3",
    ]);
    expect(slow.at(-1)?.error).toMatch(/"slow" \(slow\) did not finish within 1 s/);
    expect(slow.at(-1)?.durationMs).toBeGreaterThanOrEqual(950);
    const at = (i: number) => slow[i]?.createdAt.getTime() ?? Number.NaN;
    // 1.2 s before the second attempt, doubled before the third (the run's default is 0.5 s, 1 s).
    expect([at(2) - at(1) >= 1190, at(4) - at(3) >= 2390]).toEqual([true, true]);
    expect((await prisma.execution.findUnique({ where: { id } }))?.error).toMatch(/"slow" \(slow\) failed/);
  });

  it("fails a tool the server refuses, and an error output carries the run on", async () => {
    const s = env.fx.serverId;
    const id = await createRun(
      [
        g.trigger(),
        g.tool("bad", s, "get-sum", { a: "not a number", b: 1 }, { retries: 0 }),
        g.tool("handler", s, "echo", { message: "handled: {{ nodes.bad.error }}" }),
      ],
      [g.edge("t", "bad"), g.edge("bad", "handler", "error")],
    );
    await new InProcessEngine({ store, tools: env.sdk }).start(id);
    const run = await store.load(id);
    expect(run?.status).toBe("succeeded");
    const bad = run?.logs.find((l) => l.nodeId === "bad" && l.event === "failed");
    expect(bad?.error).toBeTruthy();
    expect(
      JSON.stringify(
        run?.logs.find((l) => l.nodeId === "handler" && l.event === "succeeded")?.payload?.output,
      ),
    ).toContain("handled:");
  });

  it("cancels a run mid-way: the in-flight call is aborted and nothing after it runs", async () => {
    const s = env.fx.serverId;
    const id = await createRun(
      [
        g.trigger(),
        g.tool("long", s, "trigger-long-running-operation", { duration: 10, steps: 10 }),
        g.tool("after", s, "echo", { message: "never" }),
      ],
      [g.edge("t", "long"), g.edge("long", "after")],
    );
    const engine = new InProcessEngine({ store, tools: env.sdk });
    const done = engine.start(id);
    await waitFor(async () =>
      (await store.load(id))?.logs.find((l) => l.nodeId === "long" && l.event === "started"),
    );
    const cancelledAt = Date.now();
    await engine.cancel(id);
    expect((await done)?.status).toBe("cancelled");
    expect(Date.now() - cancelledAt).toBeLessThan(1_000);
    const run = await store.load(id);
    expect(run?.status).toBe("cancelled");
    expect(events(run?.logs ?? [])).toEqual(["t:started", "t:succeeded", "long:started", "long:cancelled"]);
  });
});
