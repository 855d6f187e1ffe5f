/**
 * npm run bench:graph — graph save/load against a real Postgres 17 for a 1,000-node /
 * 1,500-edge graph, beside the raw-SQL floor (the least the same work costs on the same tables
 * and keys) and a naive baseline (one Prisma upsert per row in one transaction). The targets
 * are ratios to the floor, measured in the same run, so they hold on a slow or busy machine.
 */
import path from "node:path";
import pg from "pg";
import { type GraphDiff, graphDiffSchema } from "../../lib/graph/schemas";
import { ensureAuthSchema } from "../../local/auth/schema";
import { applySupabaseBaseline } from "../../local/db/baseline";
import { recreateDatabase, startEmbeddedPostgres } from "../../local/db/embedded";
import { DATA_DIR } from "../../local/db/prepare";
import { loadGraph, saveGraphDiff } from "../../server/graph/graph";
import { getPrisma } from "../../server/platform/db/client";
import { migrate } from "../../server/platform/db/migrator";
import type { RlsTransaction } from "../../server/platform/db/with-rls";
import { createWorkflow } from "../../server/workflows/workflows";
import { insertTestUser } from "../../test/users";
import { benchGraph, tenPercentChange } from "./fixture";
import { openFloor } from "./floor";
import { machineLoad } from "./machine";
import { naiveLoad, naiveSave } from "./naive";
import { asUser } from "./rls";
import { type Summary, summarize, timeInterleaved, timeRuns } from "./stats";

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

function expectWhole(loaded: { nodes: unknown[]; edges: unknown[] }) {
  if (loaded.nodes.length !== 1_000 || loaded.edges.length !== 1_500)
    throw new Error("load returned a wrong graph");
}

async function main() {
  const server = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, "postgres-bench-graph"),
    port: PORT,
  });
  try {
    const databaseUrl = await recreateDatabase(server.url, "tryliate_bench_graph");
    await applySupabaseBaseline(databaseUrl);
    await migrate(databaseUrl);
    // auth.sessions (made by the local Auth server at start): the bench user gets a session that
    // every request transaction checks.
    const authPool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    await ensureAuthSchema(authPool).finally(() => authPool.end());
    const prisma = getPrisma(databaseUrl);
    const user = await insertTestUser(databaseUrl);
    const as = <T>(fn: (tx: RlsTransaction) => Promise<T>) => asUser(prisma, user.claims, fn);
    const newWorkflow = () => as((tx) => createWorkflow(tx, user.id, { name: "bench" }));

    const graph = benchGraph(1_000);
    const full = diffOf(graph.nodes, graph.edges);
    console.log(
      `graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges; ${RUNS} runs (baseline ${BASELINE_RUNS}), ${WARMUP} warm-up; ${machineLoad()}`,
    );

    // Full save: the whole graph into an empty workflow. Ours includes the zod parse the router does.
    // Ours and the floor take turns, round by round, so a busy machine slows both alike.
    const empties = async (count: number) => Promise.all(Array.from({ length: count }, () => newWorkflow()));
    const oursTargets = await empties(RUNS + WARMUP);
    const floor = await openFloor(databaseUrl, user.claims);
    const floorTargets = await empties(RUNS + WARMUP);
    const [fullOurs = [], fullFloor = []] = await timeInterleaved(RUNS, WARMUP, [
      async (round) => {
        const wf = oursTargets[round] ?? (await newWorkflow());
        await as((tx) => saveGraphDiff(tx, user.id, wf.id, graphDiffSchema.parse(full)));
      },
      async (round) => {
        const wf = floorTargets[round] ?? (await newWorkflow());
        await floor.save(wf.id, graph);
      },
    ]);
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
      await as((tx) =>
        saveGraphDiff(tx, user.id, target.id, graphDiffSchema.parse(diffOf(change.nodes, change.edges))),
      );
    });
    const diffNaive = await timeRuns(BASELINE_RUNS, 1, async (round) => {
      const change = tenPercentChange(graph, 1_000 + round);
      await as((tx) => naiveSave(tx, target.id, diffOf(change.nodes, change.edges)));
    });

    const [loadOurs = [], loadFloor = []] = await timeInterleaved(RUNS, WARMUP, [
      async () => expectWhole(await as((tx) => loadGraph(tx, user.id, target.id))),
      async () => expectWhole(await floor.load(target.id)),
    ]);
    await floor.close();
    const loadNaive = await timeRuns(RUNS, WARMUP, async () => {
      expectWhole(await as((tx) => naiveLoad(tx, target.id)));
    });

    const rows: [string, Summary, Summary | undefined, Summary][] = [
      ["full save", summarize(fullOurs), summarize(fullFloor), summarize(fullNaive)],
      ["10% diff save", summarize(diffOurs), undefined, summarize(diffNaive)],
      ["load", summarize(loadOurs), summarize(loadFloor), summarize(loadNaive)],
    ];
    const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(10);
    const ratio = (n: number) => `${n.toFixed(2)}×`.padStart(8);
    console.log(
      `\n${"".padEnd(14)}${"median".padStart(10)}${"p95".padStart(10)}   |${"floor med".padStart(10)}${"÷ floor".padStart(8)}   |${"naive med".padStart(11)}${"naive p95".padStart(11)}   speed-up`,
    );
    for (const [name, ours, raw, naive] of rows) {
      const floorCells = raw
        ? `${ms(raw.median)}${ratio(ours.median / raw.median)}`
        : `${"—".padStart(10)}${"".padStart(8)}`;
      console.log(
        `${name.padEnd(14)}${ms(ours.median)}${ms(ours.p95)}   |${floorCells}   |${ms(naive.median).padStart(11)}${ms(naive.p95).padStart(11)}   ${(naive.median / ours.median).toFixed(1)}×`,
      );
    }
    console.log(`(${machineLoad()} at the end)`);
    const [fullRow, , loadRow] = rows;
    const overFloor = (row: (typeof rows)[number] | undefined) =>
      row?.[2] ? row[1].median / row[2].median : Number.NaN;
    const checks = [
      ["full save ≥ 10× faster than baseline", fullRow ? fullRow[3].median / fullRow[1].median >= 10 : false],
      ["full save median ≤ 1.2× the raw-SQL floor", overFloor(fullRow) <= 1.2],
      ["load median ≤ 2× the raw-SQL floor", overFloor(loadRow) <= 2],
    ] as const;
    console.log("");
    for (const [label, ok] of checks) console.log(`${ok ? "PASS" : "FAIL"}  ${label}`);
    await prisma.$disconnect();
    return checks.every(([, ok]) => ok);
  } finally {
    await server.stop();
  }
}

// An explicit exit: with process.exitCode alone the run was seen to end with 0 on a miss.
main().then(
  (passed) => process.exit(passed ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
