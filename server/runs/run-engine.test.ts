import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import type { WireNode } from "@/lib/graph/nodes";
import type { WireEdge } from "@/lib/graph/schemas";
import { isFinished } from "@/lib/runs/status";
import { echoThenSum, graphOf as g, plannedRun, recordingCaller, setUpRunEngine, waitFor } from "@/test/runs";
import { InProcessEngine } from "./in-process";
import { InProcessRunEngine } from "./in-process-run-engine";
import { createInngestClient, createRunFunction, RUN_REQUESTED } from "./inngest";
import { type EventSender, InngestRunEngine } from "./inngest-run-engine";
import type { RunEngine } from "./run-engine";
import type { StoredRun } from "./store";
import type { ToolCaller } from "./tool-caller";

const env = setUpRunEngine();
const { prisma, store } = env;

/**
 * Inngest as the tests stand it in: each run event executes the real run function through
 * @inngest/test, in the background as Inngest would. A cancel event reaches the function through
 * the database, the way a step in flight learns of it in production.
 */
function inngestFor(tools: ToolCaller): EventSender {
  return {
    async send(event) {
      if (event.name !== RUN_REQUESTED) return;
      const fn = createRunFunction(createInngestClient({}), () => ({ store, tools, cancelPollMs: 50 }));
      void new InngestTestEngine({ function: fn }).execute({
        events: [{ name: event.name, data: event.data }],
      });
    },
  };
}

const implementations: { name: string; make: (tools: ToolCaller) => RunEngine }[] = [
  {
    name: "in-process",
    make: (tools) =>
      new InProcessRunEngine({
        store,
        executor: new InProcessEngine({ store, tools, backoffMs: (n) => 20 * n }),
        maxActivePerUser: 100,
      }),
  },
  {
    name: "inngest",
    make: (tools) => new InngestRunEngine({ store, events: async () => inngestFor(tools) }),
  },
];

const planned = (nodes: WireNode[], edges: WireEdge[], input: unknown = {}) =>
  plannedRun(env.fx, nodes, edges, input);

/** The stored run an engine made for a request (whichever engine named it). */
async function runOf(requestId: string): Promise<StoredRun> {
  const row = await waitFor(() => prisma.execution.findFirst({ where: { requestId }, select: { id: true } }));
  const run = await store.load(row.id);
  if (!run) throw new Error("the run vanished");
  return run;
}

async function settled(requestId: string): Promise<StoredRun> {
  return waitFor(async () => {
    const run = await runOf(requestId);
    return isFinished(run.status) ? run : null;
  }, 20_000);
}

const events = (run: StoredRun) => run.logs.map((log) => `${log.nodeId}:${log.event}`);

describe.each(implementations)("the $name engine behind RunEngine", ({ name, make }) => {
  it("queues a run and returns at once; the run goes on and logs every step in order", async () => {
    const s = env.fx.serverId;
    const engine = make(env.sdk);
    expect(engine.name).toBe(name);
    const chain = echoThenSum(s, "{{ $string(input.b) }}");
    const started = await engine.start(planned(chain.nodes, chain.edges, { a: 2, b: 40 }));
    expect(started).toMatchObject({ engine: name, requestId: expect.any(String) });
    const run = await settled(started.requestId);
    if (started.id) expect(run.id).toBe(started.id);
    expect(run).toMatchObject({ engine: name, status: "succeeded", input: { a: 2, b: 40 } });
    expect(events(run)).toEqual([
      "t:started",
      "t:succeeded",
      "echo:started",
      "echo:succeeded",
      "sum:started",
      "sum:succeeded",
    ]);
    const sum = run.logs.at(-1);
    expect(sum?.payload?.input).toEqual({ server: s, tool: "get-sum", arguments: { a: 2, b: 40 } });
    expect(JSON.stringify(sum?.payload?.output)).toContain("42");
    expect(sum?.durationMs).toBeGreaterThanOrEqual(0);
    expect(sum?.attempt).toBe(1);
  });

  it("fails the run naming the node when a step fails for good", async () => {
    const s = env.fx.serverId;
    const started = await make(env.sdk).start(
      planned(
        [g.trigger(), g.tool("bad", s, "get-sum", { a: "not a number", b: 1 }, { retries: 0 })],
        [g.edge("t", "bad")],
      ),
    );
    const run = await settled(started.requestId);
    expect(run.status).toBe("failed");
    expect(events(run)).toEqual(["t:started", "t:succeeded", "bad:started", "bad:failed"]);
    expect((await prisma.execution.findUnique({ where: { id: run.id } }))?.error).toMatch(/"bad"/);
  });

  it("takes over the reused steps of a retried run without calling them", async () => {
    const s = env.fx.serverId;
    const rec = recordingCaller(env.sdk);
    const started = await make(rec.caller).start({
      ...planned(
        [
          g.trigger(),
          g.tool("echo", s, "echo", { message: "old" }),
          g.tool("again", s, "echo", { message: "{{ nodes.echo.content[0].text }}" }),
        ],
        [g.edge("t", "echo"), g.edge("echo", "again")],
      ),
      reused: [
        {
          workflowId: env.fx.workflowId,
          nodeId: "t",
          stepName: "Start",
          event: "succeeded",
          attempt: 1,
          payload: { output: {}, handles: ["out"], reused: true },
        },
        {
          workflowId: env.fx.workflowId,
          nodeId: "echo",
          stepName: "echo",
          event: "succeeded",
          attempt: 1,
          payload: {
            output: { content: [{ type: "text", text: "Echo: reused" }] },
            handles: ["out"],
            reused: true,
          },
        },
      ],
    });
    const run = await settled(started.requestId);
    expect(run.status).toBe("succeeded");
    expect(rec.calls.map((c) => c.args)).toEqual([{ message: "Echo: reused" }]);
  });

  it("cancels a run mid-way: the in-flight call is aborted and nothing after it runs", async () => {
    const s = env.fx.serverId;
    const engine = make(env.sdk);
    const started = await engine.start(
      planned(
        [
          g.trigger(),
          g.tool("long", s, "trigger-long-running-operation", { duration: 10, steps: 10 }),
          g.tool("after", s, "echo", { message: "never" }),
        ],
        [g.edge("t", "long"), g.edge("long", "after")],
      ),
    );
    const running = await waitFor(async () => {
      const run = await runOf(started.requestId);
      return run.logs.some((l) => l.nodeId === "long" && l.event === "started") ? run : null;
    });
    const cancelledAt = Date.now();
    await engine.cancel({ id: running.id, requestId: started.requestId });
    const run = await waitFor(async () => {
      const now = await runOf(started.requestId);
      return now.logs.some((l) => l.nodeId === "long" && l.event === "cancelled") ? now : null;
    });
    expect(Date.now() - cancelledAt).toBeLessThan(3_000);
    expect(run.status).toBe("cancelled");
    expect(events(run)).toEqual(["t:started", "t:succeeded", "long:started", "long:cancelled"]);
  });

  it("records which trigger started a run, and starts a keyed run once however often it is asked", async () => {
    const engine = make(env.sdk);
    const key = `delivery-${Date.now()}-${Math.random()}`;
    const run = { ...planned([g.trigger()], [], { order: 7 }), trigger: { kind: "webhook" as const, key } };
    const starts = await Promise.all([engine.start(run), engine.start(run)]);
    const first = await settled(starts[0].requestId);
    const again = await engine.start(run);
    expect(again).toMatchObject({ requestId: starts[0].requestId, repeated: true });
    if (again.id) expect(again.id).toBe(first.id);
    expect(starts[1].requestId).toBe(starts[0].requestId);
    expect(first).toMatchObject({ triggerKind: "webhook", input: { order: 7 }, status: "succeeded" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const made = await prisma.execution.findMany({
      where: { workflowId: env.fx.workflowId, triggerKey: key },
    });
    expect(made.map((row) => row.id)).toEqual([first.id]);
  });

  it("reshapes data with a transform node, feeds it on, and fails a bad expression saying where", async () => {
    const s = env.fx.serverId;
    const engine = make(env.sdk);
    const shaped = await engine.start(
      planned(
        [
          g.trigger(),
          g.transform("shape", '{ "a": $sum(input.items.price), "b": $count(input.items) }'),
          g.tool("sum", s, "get-sum", { a: "{{ nodes.shape.a }}", b: "{{ nodes.shape.b }}" }),
        ],
        [g.edge("t", "shape"), g.edge("shape", "sum")],
        { items: [{ price: 15 }, { price: 25 }] },
      ),
    );
    const run = await settled(shaped.requestId);
    expect(run.status).toBe("succeeded");
    const shape = run.logs.find((log) => log.nodeId === "shape" && log.event === "succeeded");
    expect(shape?.payload?.output).toEqual({ a: 40, b: 2 });
    expect(JSON.stringify(run.logs.at(-1)?.payload?.output)).toContain("42");

    const broken = await engine.start(
      planned([g.trigger(), g.transform("bad", '  "a" + 1')], [g.edge("t", "bad")]),
    );
    const failed = await settled(broken.requestId);
    expect(failed.status).toBe("failed");
    expect(events(failed)).toEqual(["t:started", "t:succeeded", "bad:started", "bad:failed"]);
    expect(failed.logs.at(-1)?.error).toMatch(/must evaluate to a number \(at character 7\)$/);
  });

  it("on error: continue carries the error on as output; the error output is taken; stop fails the run", async () => {
    const s = env.fx.serverId;
    const engine = make(env.sdk);
    const bad = { a: "{{ input.word }}", b: 1 };
    const continued = await settled(
      (
        await engine.start(
          planned(
            [
              g.trigger(),
              g.tool("bad", s, "get-sum", bad, { retries: 0, onError: "continue" }),
              g.tool("after", s, "echo", { message: "saw {{ $contains(nodes.bad.error, 'get-sum') }}" }),
            ],
            [g.edge("t", "bad"), g.edge("bad", "after")],
            { word: "not a number" },
          ),
        )
      ).requestId,
    );
    expect(continued.status).toBe("succeeded");
    expect(events(continued)).toEqual([
      "t:started",
      "t:succeeded",
      "bad:started",
      "bad:failed",
      "after:started",
      "after:succeeded",
    ]);
    expect(continued.logs.at(-1)?.payload?.input).toMatchObject({ arguments: { message: "saw true" } });

    const branched = await settled(
      (
        await engine.start(
          planned(
            [
              g.trigger(),
              g.transform("shape", '"a" + 1', { onError: "error-output" }),
              g.tool("ok", s, "echo", { message: "never" }),
              g.tool("handled", s, "echo", { message: "handled: {{ nodes.shape.error }}" }),
            ],
            [g.edge("t", "shape"), g.edge("shape", "ok", "out"), g.edge("shape", "handled", "error")],
          ),
        )
      ).requestId,
    );
    expect(branched.status).toBe("succeeded");
    expect(events(branched)).toEqual(
      expect.arrayContaining(["shape:failed", "ok:skipped", "handled:succeeded"]),
    );
    expect(JSON.stringify(branched.logs.at(-1)?.payload?.input)).toContain("handled: ");

    const stopped = await settled(
      (
        await engine.start(
          planned(
            [
              g.trigger(),
              g.transform("shape", '"a" + 1', { onError: "stop" }),
              g.tool("handled", s, "echo", { message: "never" }),
            ],
            [g.edge("t", "shape"), g.edge("shape", "handled", "error")],
          ),
        )
      ).requestId,
    );
    expect(stopped.status).toBe("failed");
    expect(events(stopped)).not.toContain("handled:started");
  });

  it("a merge waits for every branch that carries and outputs each; in first mode it goes on with the first", async () => {
    const s = env.fx.serverId;
    const engine = make(env.sdk);
    const all = await settled(
      (
        await engine.start(
          planned(
            [
              g.trigger(),
              g.condition("if", "input.n > 1"),
              g.transform("yes", '"yes"'),
              g.transform("no", '"no"'),
              g.tool("echo", s, "echo", { message: "B" }),
              g.merge("m", "all"),
              g.transform("after", "nodes.m"),
            ],
            [
              g.edge("t", "if"),
              g.edge("if", "yes", "true"),
              g.edge("if", "no", "false"),
              g.edge("t", "echo"),
              g.edge("yes", "m"),
              g.edge("no", "m"),
              g.edge("echo", "m"),
              g.edge("m", "after"),
            ],
            { n: 5 },
          ),
        )
      ).requestId,
    );
    expect(all.status).toBe("succeeded");
    const merged = all.logs.find((log) => log.nodeId === "m" && log.event === "succeeded");
    expect(Object.keys(merged?.payload?.output as object).sort()).toEqual(["echo", "yes"]);
    expect(merged?.payload?.output).toMatchObject({ yes: "yes" });
    const order = events(all);
    expect(order.indexOf("m:started")).toBeGreaterThan(order.indexOf("echo:succeeded"));
    expect(order).toContain("no:skipped");

    const first = await settled(
      (
        await engine.start(
          planned(
            [
              g.trigger(),
              g.transform("quick", '"quick"'),
              g.tool("slow", s, "trigger-long-running-operation", { duration: 2, steps: 2 }),
              g.merge("m", "first"),
            ],
            [g.edge("t", "quick"), g.edge("t", "slow"), g.edge("quick", "m"), g.edge("slow", "m")],
          ),
        )
      ).requestId,
    );
    expect(first.status).toBe("succeeded");
    const firstOrder = events(first);
    expect(firstOrder.indexOf("m:succeeded")).toBeLessThan(firstOrder.indexOf("slow:succeeded"));
    const took = first.logs.find((log) => log.nodeId === "m" && log.event === "succeeded");
    expect([took?.payload?.output, took?.payload?.input]).toEqual([
      "quick",
      { mode: "first", arrived: ["quick"] },
    ]);
  });

  it("resumes nothing that has finished", async () => {
    const engine = make(env.sdk);
    const started = await engine.start(planned([g.trigger()], []));
    const done = await settled(started.requestId);
    expect(await engine.resume()).not.toContain(done.id);
    expect(events(await runOf(started.requestId))).toEqual(events(done));
  });
});
