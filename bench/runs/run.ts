/**
 * bench:runs — the in-process engine's cost per step, beside the same tool calls made directly.
 * (1) a 100-step chain of server-everything's `echo`, run by the engine, against 100 direct SDK
 * calls in the same process: overhead per step (median, p95) and total ratio; (2) 20 runs of 20
 * steps at once: all finish, every log row there.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import pg from "pg";
import type { WireNode } from "../../lib/graph/nodes";
import type { WireEdge } from "../../lib/graph/schemas";
import { applySupabaseBaseline } from "../../local/db/baseline";
import { recreateDatabase, startEmbeddedPostgres } from "../../local/db/embedded";
import { DATA_DIR } from "../../local/db/prepare";
import { startEverythingServer } from "../../local/mcp/everything";
import { migrate } from "../../server/db/migrator";
import { summarize } from "../graph/stats";

const DB_PORT = Number(process.env.BENCH_RUNS_DB_PORT ?? 55260);
const CHAIN = 100;
const CONCURRENT_RUNS = 20;
const CONCURRENT_STEPS = 20;

async function main() {
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres-bench-runs"), port: DB_PORT });
  const databaseUrl = await recreateDatabase(postgres.url, "tryliate_bench_runs");
  await applySupabaseBaseline(databaseUrl);
  await migrate(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  const everything = await startEverythingServer();
  const { getPrisma } = await import("../../server/db/client");
  const { RunStore } = await import("../../server/runs/store");
  const { InProcessEngine } = await import("../../server/runs/in-process");
  const { createSdkToolCaller } = await import("../../server/runs/tool-caller");
  const { registryLookup } = await import("../../server/runs/registry-lookup");
  const { insertTestUser } = await import("../../test/users");
  const prisma = getPrisma(databaseUrl);
  const store = new RunStore(prisma);
  const tools = createSdkToolCaller(registryLookup(prisma), { appOrigin: "http://127.0.0.1" });
  const engine = new InProcessEngine({ store, tools, maxParallel: 4 });
  const user = await insertTestUser(databaseUrl);
  const workflowId = randomUUID();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query("insert into public.workflows (id, user_id) values ($1, $2)", [workflowId, user.id]);
  await db.query("insert into public.mcp_registry (id, name, url) values ('everything', 'Everything', $1)", [everything.mcpUrl]);

  const chain = (steps: number) => {
    const nodes: WireNode[] = [{ id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { label: "Start", input: "{}" } }];
    const edges: WireEdge[] = [];
    for (let i = 1; i <= steps; i++) {
      nodes.push({ id: `s${i}`, type: "protocol", position: { x: i * 200, y: 0 }, data: { label: `s${i}`, serverId: "everything", tool: "echo", args: JSON.stringify({ message: `step ${i}` }) } });
      edges.push({ id: `e${i}`, source: i === 1 ? "t" : `s${i - 1}`, target: `s${i}`, sourceHandle: null, targetHandle: null });
    }
    return { nodes, edges };
  };
  const runChain = async (steps: number) => {
    const id = `run_${randomUUID()}`;
    await store.create({ id, workflowId, userId: user.id, engine: "in-process", input: {}, triggerNodeId: "t", graph: chain(steps), sourceId: null }, 1_000);
    const started = performance.now();
    const outcome = await engine.start(id);
    return { id, ms: performance.now() - started, outcome };
  };

  // Warm both paths (connections, JIT) before measuring.
  const direct = new Client({ name: "bench-direct", version: "1" });
  await direct.connect(new StreamableHTTPClientTransport(new URL(everything.mcpUrl)));
  for (let i = 0; i < 20; i++) await direct.callTool({ name: "echo", arguments: { message: "warm" } });
  await runChain(10);

  const rounds = Number(process.env.BENCH_RUNS ?? 5);
  const directTotals: number[] = [];
  const engineTotals: number[] = [];
  const perStepOverhead: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const directSteps: number[] = [];
    const t0 = performance.now();
    for (let i = 1; i <= CHAIN; i++) {
      const s = performance.now();
      await direct.callTool({ name: "echo", arguments: { message: `step ${i}` } });
      directSteps.push(performance.now() - s);
    }
    directTotals.push(performance.now() - t0);
    const run = await runChain(CHAIN);
    if (run.outcome?.status !== "succeeded") throw new Error(`chain run ended ${run.outcome?.status}`);
    engineTotals.push(run.ms);
    const directMedian = summarize(directSteps).median;
    // Engine time per step beyond the call itself: the run's wall time spread over its steps, minus a direct call.
    perStepOverhead.push(run.ms / CHAIN - directMedian);
  }
  const overhead = summarize(perStepOverhead);
  const ratio = summarize(engineTotals).median / summarize(directTotals).median;
  console.log(`(1) ${CHAIN}-step echo chain, ${rounds} rounds`);
  console.log(`    direct SDK total   median ${summarize(directTotals).median.toFixed(1)} ms`);
  console.log(`    engine total       median ${summarize(engineTotals).median.toFixed(1)} ms`);
  console.log(`    overhead per step  median ${overhead.median.toFixed(2)} ms, p95 ${overhead.p95.toFixed(2)} ms  (target median ≤ 5 ms) ${overhead.median <= 5 ? "PASS" : "FAIL"}`);
  console.log(`    total ratio        ${ratio.toFixed(2)}×  (target ≤ 1.3×) ${ratio <= 1.3 ? "PASS" : "FAIL"}`);

  const t1 = performance.now();
  const many = await Promise.all(Array.from({ length: CONCURRENT_RUNS }, () => runChain(CONCURRENT_STEPS)));
  const wall = performance.now() - t1;
  const ok = many.filter((r) => r.outcome?.status === "succeeded").length;
  const rows = await prisma.executionLog.count({ where: { executionId: { in: many.map((r) => r.id) } } });
  const expected = CONCURRENT_RUNS * (CONCURRENT_STEPS + 1) * 2;
  console.log(`(2) ${CONCURRENT_RUNS} runs × ${CONCURRENT_STEPS} steps at once: ${ok}/${CONCURRENT_RUNS} succeeded, ${rows}/${expected} log rows, ${wall.toFixed(0)} ms ${ok === CONCURRENT_RUNS && rows === expected ? "PASS" : "FAIL"}`);

  await direct.close();
  await tools.close();
  await db.end();
  await prisma.$disconnect();
  await everything.stop();
  await postgres.stop();
  const pass = overhead.median <= 5 && ratio <= 1.3 && ok === CONCURRENT_RUNS && rows === expected;
  process.exit(pass ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
