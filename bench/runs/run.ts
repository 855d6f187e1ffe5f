/**
 * bench:runs — the in-process engine, through the app's MCP layer, on the whole local stack:
 * (1) a 100-step chain of server-everything's `echo` beside the same 100 calls made directly with
 *     the SDK in the same process: overhead per step (median, p95) and total ratio; and beside the
 *     floor of any engine that checkpoints each step (each direct call followed by one commit);
 * (2) 20 runs of 20 steps at once: all finish, every log row there;
 * (3) steps per second with 1, 10 and 50 chains going at once, beside the floor of checkpointing
 *     every step at the same concurrency (engine / floor time per round, median and p95);
 * (4) from a step's log row committing to the node's status changing in another tab's run view
 *     store (Postgres → local Realtime → supabase-js → the editor's Runs channel code), p50 / p95,
 *     beside a bare supabase-js subscriber of the same rows (delivery alone).
 *   npm run bench:runs   (own Postgres on BENCH_RUNS_DB_PORT or 55270, local Supabase on the next port)
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import pg from "pg";
import { startEverythingServer } from "../../local/mcp/everything";
import { summarize } from "../graph/stats";
import { openTab, signUp, startSyncStack } from "../sync/stack";
import { chain } from "./chain";
import { measureConcurrency } from "./concurrency";

const DB_PORT = Number(process.env.BENCH_RUNS_DB_PORT ?? 55270);
const ROUNDS = Number(process.env.BENCH_RUNS ?? 5);
const CHAIN = 100;
const CONCURRENT_RUNS = 20;
const CONCURRENT_STEPS = 20;
const LIVE_STEPS = 50;
const CONCURRENCY_LEVELS = [1, 10, 50];
const CONCURRENCY_STEPS = 20;
const TARGETS = { overheadMedianMs: 5, ratio: 1.3, liveP95Ms: 200, concurrentRatio: 1.15 };
const f = (n: number) => n.toFixed(1).padStart(6);

async function main() {
  // Supabase in a process of its own, as beside `npm run dev` or a deployment: its Realtime work is not the engine's.
  const stack = await startSyncStack({
    name: "runs",
    dbPort: DB_PORT,
    supabasePort: DB_PORT + 1,
    supabaseInOwnProcess: true,
  });
  const everything = await startEverythingServer();
  const databaseUrl = process.env.DATABASE_URL as string;
  // The app's modules read their configuration at import: loaded once the stack has set it.
  const { getPrisma } = await import("../../server/platform/db/client");
  const { InProcessEngine } = await import("../../server/runs/in-process");
  const { createSdkToolCaller } = await import("../../server/runs/tool-caller");
  const { registryLookup } = await import("../../server/runs/registry-lookup");
  const { createGuardedFetch } = await import("../../server/mcp/client/guarded-fetch");
  const { policyFromEnv } = await import("../../server/mcp/client/outbound-policy");
  const { SessionPool } = await import("../../server/mcp/client/session-pool");
  const { RunStore } = await import("../../server/runs/store");
  const { commitTimes, openRunView, bareLogSubscriber, latencies } = await import("./step-latency");

  const credentials = await signUp(stack, "runs");
  const tab = await openTab(stack, credentials);
  const bareTab = await openTab(stack, credentials);
  const { id: workflowId } = await tab.api.workflows.create.mutate({ name: "bench runs" });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query("insert into public.mcp_registry (id, name, url) values ('everything', 'Everything', $1)", [
    everything.mcpUrl,
  ]);

  const prisma = getPrisma(databaseUrl);
  const store = new RunStore(prisma);
  const timing = commitTimes();
  const pool = new SessionPool();
  const fetch = createGuardedFetch({
    ...policyFromEnv({}),
    allowHttp: true,
    allowedHosts: new Set([new URL(everything.mcpUrl).host]),
  });
  const tools = createSdkToolCaller(registryLookup(prisma), { appOrigin: stack.appUrl, fetch, pool });
  const engine = new InProcessEngine({ store, tools, maxParallel: 4, onLogged: timing.onLogged });
  const runChain = async (steps: number) => {
    const id = `run_${randomUUID()}`;
    await store.create(
      {
        id,
        workflowId,
        userId: tab.userId,
        engine: "in-process",
        input: {},
        triggerNodeId: "t",
        graph: chain(steps),
        sourceId: null,
      },
      1_000,
    );
    const started = performance.now();
    const outcome = await engine.start(id);
    return { id, ms: performance.now() - started, outcome };
  };

  // Warm both paths (connections, JIT) before measuring.
  const direct = new Client({ name: "bench-direct", version: "1" });
  await direct.connect(new StreamableHTTPClientTransport(new URL(everything.mcpUrl)));
  for (let i = 0; i < 20; i++) await direct.callTool({ name: "echo", arguments: { message: "warm" } });
  await runChain(10);

  // The floor of any engine that checkpoints each step: the direct calls, each followed by one
  // commit of its ending row (one parameterized insert, autocommit, no engine code at all).
  const floorRun = `run_${randomUUID()}`;
  await store.create(
    {
      id: floorRun,
      workflowId,
      userId: tab.userId,
      engine: "in-process",
      input: {},
      triggerNodeId: "t",
      graph: chain(0),
      sourceId: null,
      status: "succeeded",
    },
    1_000,
  );
  // As many connections as the engine's pool (the app's default), for the concurrent floor.
  const floorPool = new pg.Pool({ connectionString: databaseUrl, max: 5 });
  const callAndCommit = async (i: number, via: pg.Client | pg.Pool = db) => {
    const result = await direct.callTool({ name: "echo", arguments: { message: `step ${i}` } });
    await via.query(
      "insert into public.execution_logs (execution_id, workflow_id, node_id, step_name, event, attempt, duration_ms, payload) values ($1, $2, $3, $3, 'succeeded', 1, 1, $4)",
      [
        floorRun,
        workflowId,
        `s${i}`,
        JSON.stringify({ input: { message: `step ${i}` }, output: result, handles: ["out"] }),
      ],
    );
  };
  for (let i = 0; i < 20; i++) await callAndCommit(i);

  const directTotals: number[] = [];
  const floorTotals: number[] = [];
  const engineTotals: number[] = [];
  const perStepOverhead: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    for (let i = 1; i <= CHAIN; i++)
      await direct.callTool({ name: "echo", arguments: { message: `step ${i}` } });
    const directMs = performance.now() - t0;
    const f0 = performance.now();
    for (let i = 1; i <= CHAIN; i++) await callAndCommit(i);
    floorTotals.push(performance.now() - f0);
    const run = await runChain(CHAIN);
    if (run.outcome?.status !== "succeeded") throw new Error(`chain run ended ${run.outcome?.status}`);
    directTotals.push(directMs);
    engineTotals.push(run.ms);
    // Engine time per step beyond the call itself: the run's wall time beyond the direct calls' of the same round, per step.
    perStepOverhead.push((run.ms - directMs) / CHAIN);
  }
  const overhead = summarize(perStepOverhead);
  const ratio = summarize(engineTotals).median / summarize(directTotals).median;
  const pass1 = overhead.median <= TARGETS.overheadMedianMs && ratio <= TARGETS.ratio;
  console.log(`(1) ${CHAIN}-step echo chain, ${ROUNDS} rounds`);
  console.log(`    direct SDK total   median ${f(summarize(directTotals).median)} ms`);
  console.log(
    `    direct + 1 commit  median ${f(summarize(floorTotals).median)} ms  (${(summarize(floorTotals).median / summarize(directTotals).median).toFixed(2)}× direct: the floor of checkpointing every step)`,
  );
  console.log(
    `    engine total       median ${f(summarize(engineTotals).median)} ms  (${(summarize(engineTotals).median / summarize(floorTotals).median).toFixed(2)}× the floor)`,
  );
  console.log(
    `    overhead per step  median ${overhead.median.toFixed(2)} ms, p95 ${overhead.p95.toFixed(2)} ms over ${ROUNDS} rounds  (target median ≤ ${TARGETS.overheadMedianMs} ms)`,
  );
  console.log(
    `    total ratio        ${ratio.toFixed(2)}×  (target ≤ ${TARGETS.ratio}×) ${pass1 ? "PASS" : "FAIL"}`,
  );

  const t1 = performance.now();
  const many = await Promise.all(Array.from({ length: CONCURRENT_RUNS }, () => runChain(CONCURRENT_STEPS)));
  const wall = performance.now() - t1;
  const ok = many.filter((r) => r.outcome?.status === "succeeded").length;
  const rows = await prisma.executionLog.count({ where: { executionId: { in: many.map((r) => r.id) } } });
  const expected = CONCURRENT_RUNS * (CONCURRENT_STEPS + 1) * 2;
  const pass2 = ok === CONCURRENT_RUNS && rows === expected;
  console.log(
    `(2) ${CONCURRENT_RUNS} runs × ${CONCURRENT_STEPS} steps at once: ${ok}/${CONCURRENT_RUNS} succeeded, ${rows}/${expected} log rows, ${wall.toFixed(0)} ms ${pass2 ? "PASS" : "FAIL"}`,
  );

  const levels = await measureConcurrency({
    levels: CONCURRENCY_LEVELS,
    rounds: ROUNDS,
    steps: CONCURRENCY_STEPS,
    floorChain: async (steps) => {
      for (let i = 1; i <= steps; i++) await callAndCommit(i, floorPool);
    },
    engineChain: async (steps) => {
      const run = await runChain(steps);
      if (run.outcome?.status !== "succeeded") throw new Error(`run ended ${run.outcome?.status}`);
    },
  });
  console.log(
    `(3) steps per second, ${CONCURRENCY_STEPS}-step chains going at once, ${ROUNDS} rounds (median; slow round p95)`,
  );
  let pass3 = true;
  for (const level of levels) {
    const ok = level.ratio.median <= TARGETS.concurrentRatio;
    pass3 &&= ok;
    console.log(
      `    ${String(level.runs).padStart(2)} at once  floor ${f(level.floorStepsPerSecond.median)} (${f(level.floorStepsPerSecond.p95)})  engine ${f(level.engineStepsPerSecond.median)} (${f(level.engineStepsPerSecond.p95)}) steps/s  engine/floor ${level.ratio.median.toFixed(2)}× (p95 ${level.ratio.p95.toFixed(2)}×) ${ok ? "PASS" : "FAIL"}`,
    );
  }
  console.log(`    target engine/floor ≤ ${TARGETS.concurrentRatio}× (median) at each level`);

  const view = await openRunView(tab, workflowId);
  const bare = await bareLogSubscriber(bareTab.supabase, workflowId);
  const measured = new Set<string>();
  for (let round = 0; round < ROUNDS; round++) {
    const run = await runChain(LIVE_STEPS);
    if (round > 0) measured.add(run.id); // the first round warms the channels
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the last rows' delivery
  const { samples, missed } = latencies(timing.committed, measured, [view.seen, bare.seen]);
  const canvas = summarize(samples[0] ?? []);
  const delivered = summarize(samples[1] ?? []);
  const pass4 = missed === 0 && canvas.p95 <= TARGETS.liveP95Ms;
  console.log(
    `(4) step log row committed → node status in another tab's run view (${LIVE_STEPS}-step chains, ${ROUNDS - 1} rounds)`,
  );
  console.log(
    `    run view store     p50 ${f(canvas.median)} ms  p95 ${f(canvas.p95)} ms (n=${canvas.runs})`,
  );
  console.log(
    `    bare subscriber    p50 ${f(delivered.median)} ms  p95 ${f(delivered.p95)} ms (n=${delivered.runs})`,
  );
  console.log(
    `    ratio              p50 ${(canvas.median / delivered.median).toFixed(2)}×  p95 ${(canvas.p95 / delivered.p95).toFixed(2)}×; rows never seen: ${missed}`,
  );
  console.log(`    target p95 ≤ ${TARGETS.liveP95Ms} ms, every row seen: ${pass4 ? "PASS" : "FAIL"}`);

  view.stop();
  await bare.stop();
  for (const t of [tab, bareTab]) await t.supabase.removeAllChannels();
  await direct.close();
  await db.end();
  await floorPool.end();
  await tools.close();
  await prisma.$disconnect();
  await everything.stop();
  await stack.close();
  process.exit(pass1 && pass2 && pass3 && pass4 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
