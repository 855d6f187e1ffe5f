import { describe, expect, it } from "vitest";
import type { WireNode } from "@/lib/graph/nodes";
import type { WireEdge } from "@/lib/graph/schemas";
import {
  cutDatabaseOff,
  graphOf as g,
  recordingCaller,
  setUpRunEngineOnOwnDatabase,
  storeRun,
  waitFor,
} from "@/test/runs";
import { InProcessEngine, type InProcessOptions } from "./in-process";
import type { StoredLog } from "./store";

// Engines here sweep every unfinished run of their database, and one test cuts the database off:
// a database of this file's own keeps both away from the other test files.
const env = setUpRunEngineOnOwnDatabase("leases");

const createRun = (nodes: WireNode[], edges: WireEdge[]) => storeRun(env.store, env.fx, { nodes, edges });

/** t → first (echo) → long (a tool call of `seconds`) → last (echo, reading first's output). */
function chain(seconds: number) {
  const s = env.fx.serverId;
  return createRun(
    [
      g.trigger(),
      g.tool("first", s, "echo", { message: "one" }),
      g.tool("long", s, "trigger-long-running-operation", { duration: seconds, steps: 2 }),
      g.tool("last", s, "echo", { message: "{{ nodes.first.content[0].text }}" }),
    ],
    [g.edge("t", "first"), g.edge("first", "long"), g.edge("long", "last")],
  );
}

/** The chain's log up to the long step's first start. */
const UP_TO_LONG = ["t:started#1", "t:succeeded#1", "first:started#1", "first:succeeded#1", "long:started#1"];
const events = (logs: StoredLog[]) => logs.map((log) => `${log.nodeId}:${log.event}#${log.attempt}`);
const engine = (options: Partial<InProcessOptions> & { tools: InProcessOptions["tools"] }) =>
  new InProcessEngine({ store: env.store, ...options });
const started = (id: string, nodeId: string) =>
  waitFor(async () =>
    (await env.store.load(id))?.logs.find((l) => l.nodeId === nodeId && l.event === "started"),
  );
const status = async (id: string) => (await env.prisma.execution.findUnique({ where: { id } }))?.status;

describe("leases, heartbeats and the sweep", () => {
  it("logs a step that ends during a database outage once the database is back, and finishes the run", async () => {
    const id = await chain(2);
    const rec = recordingCaller(env.sdk);
    const lines: string[] = [];
    const done = engine({ tools: rec.caller, log: (line) => lines.push(line) }).start(id);
    await started(id, "long");
    // The tool call ends 2 s in; the database is away from now until 6 s.
    const outage = await cutDatabaseOff(env.url);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await outage.end();

    expect(await done).toMatchObject({ status: "succeeded" });
    expect(await status(id)).toBe("succeeded");
    expect(rec.calls.map((c) => c.tool)).toEqual(["echo", "trigger-long-running-operation", "echo"]);
    const run = await env.store.load(id);
    expect(events(run?.logs ?? [])).toEqual([
      ...UP_TO_LONG,
      "long:succeeded#1",
      "last:started#1",
      "last:succeeded#1",
    ]);
    expect(lines.join("\n")).toMatch(/database unreachable, retrying/);
  }, 30_000);

  it("hands a run over when the outage outlasts the retries; the sweep finishes it once the database is back", async () => {
    const id = await chain(1);
    const rec = recordingCaller(env.sdk);
    const lines: string[] = [];
    const first = engine({
      tools: rec.caller,
      leaseMs: 1_500,
      sweepMs: 200,
      dbRetryMs: 1_500,
      log: (line) => lines.push(line),
    });
    first.startSweeping();
    const done = first.start(id);
    await started(id, "long");
    const outage = await cutDatabaseOff(env.url);
    // The call ends 1 s in; its write gives up 1.5 s later; the database is back at 4 s.
    expect(await done).toBeNull();
    expect(lines.join("\n")).toMatch(/handed over to the lease sweep: the database stayed unreachable/);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await outage.end();

    await waitFor(async () => ((await status(id)) === "succeeded" ? true : null), 15_000);
    first.stopSweeping();
    // The step whose ending could not be logged runs again as its next attempt; finished ones do not.
    expect(rec.calls.map((c) => c.tool)).toEqual([
      "echo",
      "trigger-long-running-operation",
      "trigger-long-running-operation",
      "echo",
    ]);
    const run = await env.store.load(id);
    expect(events(run?.logs ?? []).filter((e) => e.startsWith("long"))).toEqual([
      "long:started#1",
      "long:started#2",
      "long:succeeded#2",
    ]);
  }, 30_000);

  it("two engines sweeping one database take a dead engine's run over exactly once", async () => {
    const id = await chain(1);
    const dead = engine({ tools: recordingCaller(env.sdk).caller, leaseMs: 800 });
    void dead.start(id);
    await started(id, "long");
    await dead.halt();
    expect(await status(id)).toBe("running");

    const sweepers = [0, 1].map(() => {
      const rec = recordingCaller(env.sdk);
      const sweeper = engine({ tools: rec.caller, leaseMs: 800, sweepMs: 50 });
      sweeper.startSweeping();
      return { rec, sweeper };
    });
    await waitFor(async () => ((await status(id)) === "succeeded" ? true : null), 15_000);
    // Both keep sweeping a while longer: the finished run is nobody's to take.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const { sweeper } of sweepers) sweeper.stopSweeping();

    const calls = sweepers.map(({ rec }) => rec.calls.map((c) => c.tool));
    expect(calls.filter((list) => list.length > 0)).toEqual([["trigger-long-running-operation", "echo"]]);
    const run = await env.store.load(id);
    expect(events(run?.logs ?? [])).toEqual([
      ...UP_TO_LONG,
      "long:started#2",
      "long:succeeded#2",
      "last:started#1",
      "last:succeeded#1",
    ]);
    expect(JSON.stringify(run?.logs.at(-1)?.payload?.output)).toContain("Echo: one");
  }, 30_000);

  it("a live engine's heartbeat keeps its run from the sweep, through a step longer than the lease", async () => {
    const id = await chain(2);
    const rec = recordingCaller(env.sdk);
    const live = engine({ tools: rec.caller, leaseMs: 500 });
    const other = recordingCaller(env.sdk);
    const sweeper = engine({ tools: other.caller, leaseMs: 500, sweepMs: 50 });
    sweeper.startSweeping();
    expect(await live.start(id)).toMatchObject({ status: "succeeded" });
    sweeper.stopSweeping();
    expect(other.calls).toEqual([]);
    expect(rec.calls.map((c) => c.tool)).toEqual(["echo", "trigger-long-running-operation", "echo"]);
  }, 30_000);

  it("an engine that lost its run to another stops writing to it", async () => {
    const id = await chain(1);
    const rec = recordingCaller(env.sdk);
    const lines: string[] = [];
    // A stalled engine, as one frozen past its lease: its lease is taken over while its step runs.
    const stalled = engine({ tools: rec.caller, leaseMs: 60_000, log: (line) => lines.push(line) });
    const done = stalled.start(id);
    await started(id, "long");
    await env.prisma.execution.update({ where: { id }, data: { leaseOwner: "another engine" } });
    expect(await done).toBeNull();
    expect(lines.join("\n")).toMatch(/no longer held here/);
    const run = await env.store.load(id);
    expect(events(run?.logs ?? []).filter((e) => e.startsWith("long") || e.startsWith("last"))).toEqual([
      "long:started#1",
    ]);
    expect(rec.calls.map((c) => c.tool)).toEqual(["echo", "trigger-long-running-operation"]);
    await env.prisma.execution.update({ where: { id }, data: { status: "cancelled" } });
  }, 30_000);

  it("a cancel asked through another process reaches the step in flight at the next heartbeat", async () => {
    const id = await chain(10);
    const running = engine({ tools: recordingCaller(env.sdk).caller, leaseMs: 600 });
    const done = running.start(id);
    await started(id, "long");
    const asked = Date.now();
    // As another process's cancel does: the request is only in the database.
    await env.store.requestCancel(id);
    expect(await done).toMatchObject({ status: "cancelled" });
    expect(Date.now() - asked).toBeLessThan(1_500);
    const run = await env.store.load(id);
    expect(events(run?.logs ?? []).slice(-1)).toEqual(["long:cancelled#1"]);
    expect(run?.status).toBe("cancelled");
  }, 30_000);
});
