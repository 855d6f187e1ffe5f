/**
 * npm run bench:graph — graph save/load against a real Postgres 17, beside a naive baseline
 * (one Prisma upsert per row in one transaction), for a 1,000-node / 1,500-edge graph.
 */
import path from "node:path";
import { applySupabaseBaseline } from "../../local/db/baseline";
import { recreateDatabase, startEmbeddedPostgres } from "../../local/db/embedded";
import { DATA_DIR } from "../../local/db/prepare";
import { graphDiffSchema, type GraphDiff } from "../../lib/graph/schemas";
import { getPrisma } from "../../server/db/client";
import { migrate } from "../../server/db/migrator";
import type { RlsTransaction } from "../../server/db/with-rls";
import { loadGraph, saveGraphDiff } from "../../server/services/graph";
import { createWorkflow } from "../../server/services/workflows";
import { insertTestUser } from "../../test/users";
import { benchGraph, tenPercentChange } from "./fixture";
import { naiveLoad, naiveSave } from "./naive";
import { asUser } from "./rls";
import { machineLoad } from "./machine";
import { type Summary, summarize, timeRuns } from "./stats";

const PORT = Number(process.env.TRYLIATE_BENCH_DB_PORT ?? 55420);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 10);
const WARMUP = 3;

const diffOf = (nodes: GraphDiff["upsertNodes"], edges: GraphDiff["upsertEdges"]): GraphDiff => ({
  upsertNodes: nodes,
  deleteNodes: [],
  upsertEdges: edges,
  deleteEdges: [],
});

async function main() {
  const server = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres-bench-graph"), port: PORT });
  try {
    const databaseUrl = await recreateDatabase(server.url, "tryliate_bench_graph");
    await applySupabaseBaseline(databaseUrl);
    await migrate(databaseUrl);
    const prisma = getPrisma(databaseUrl);
    const user = await insertTestUser(databaseUrl);
    const as = <T>(fn: (tx: RlsTransaction) => Promise<T>) => asUser(prisma, user.claims, fn);
    const newWorkflow = () => as((tx) => createWorkflow(tx, user.id, { name: "bench" }));

    const graph = benchGraph(1_000);
    const full = diffOf(graph.nodes, graph.edges);
    console.log(`graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges; ${RUNS} runs (baseline ${BASELINE_RUNS}), ${WARMUP} warm-up; ${machineLoad()}`);

    // Full save: the whole graph into an empty workflow. Ours includes the zod parse the router does.
    const empties = async (count: number) => Promise.all(Array.from({ length: count }, () => newWorkflow()));
    const oursTargets = await empties(RUNS + WARMUP);
    const fullOurs = await timeRuns(RUNS, WARMUP, async (round) => {
      const wf = oursTargets[round] ?? (await newWorkflow());
      await as((tx) => saveGraphDiff(tx, user.id, wf.id, graphDiffSchema.parse(full)));
    });
    const naiveTargets = await empties(BASELINE_RUNS + 1);
    const fullNaive = await timeRuns(BASELINE_RUNS, 1, async (round) => {
      const wf = naiveTargets[round] ?? (await newWorkflow());
      await as((tx) => naiveSave(tx, wf.id, full));
    });

    // 10 % diff: 100 moved nodes and the 150 edges into them, on a stored full graph.
    const target = await newWorkflow();
    await as((tx) => saveGraphDiff(tx, user.id, target.id, full));
    const diffOurs = await timeRuns(RUNS, WARMUP, async (round) => {
      const change = tenPercentChange(graph, round + 1);
      await as((tx) => saveGraphDiff(tx, user.id, target.id, graphDiffSchema.parse(diffOf(change.nodes, change.edges))));
    });
    const diffNaive = await timeRuns(BASELINE_RUNS, 1, async (round) => {
      const change = tenPercentChange(graph, 1_000 + round);
      await as((tx) => naiveSave(tx, target.id, diffOf(change.nodes, change.edges)));
    });

    const loadOurs = await timeRuns(RUNS, WARMUP, async () => {
      const loaded = await as((tx) => loadGraph(tx, user.id, target.id));
      if (loaded.nodes.length !== 1_000 || loaded.edges.length !== 1_500) throw new Error("load returned a wrong graph");
    });
    const loadNaive = await timeRuns(RUNS, WARMUP, async () => {
      const loaded = await as((tx) => naiveLoad(tx, target.id));
      if (loaded.nodes.length !== 1_000 || loaded.edges.length !== 1_500) throw new Error("load returned a wrong graph");
    });

    const rows: [string, Summary, Summary][] = [
      ["full save", summarize(fullOurs), summarize(fullNaive)],
      ["10% diff save", summarize(diffOurs), summarize(diffNaive)],
      ["load", summarize(loadOurs), summarize(loadNaive)],
    ];
    const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(10);
    console.log(`\n${"".padEnd(14)}${"median".padStart(10)}${"p95".padStart(10)}   |${"naive med".padStart(11)}${"naive p95".padStart(11)}   speed-up`);
    for (const [name, ours, naive] of rows) {
      console.log(
        `${name.padEnd(14)}${ms(ours.median)}${ms(ours.p95)}   |${ms(naive.median).padStart(11)}${ms(naive.p95).padStart(11)}   ${(naive.median / ours.median).toFixed(1)}×`,
      );
    }
    console.log(`(${machineLoad()} at the end)`);
    const [fullRow, , loadRow] = rows;
    const checks = [
      ["full save ≥ 10× faster than baseline", fullRow ? fullRow[2].median / fullRow[1].median >= 10 : false],
      ["full save median ≤ 60 ms", fullRow ? fullRow[1].median <= 60 : false],
      ["load median ≤ 30 ms", loadRow ? loadRow[1].median <= 30 : false],
    ] as const;
    console.log("");
    for (const [label, ok] of checks) console.log(`${ok ? "PASS" : "FAIL"}  ${label}`);
    await prisma.$disconnect();
    process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
