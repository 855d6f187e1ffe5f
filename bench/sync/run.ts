/**
 * Neural Transition latency: from `graph.save` returning in tab A to the change applied in tab
 * B's canvas store, through the full path (tRPC, Postgres, local Realtime, supabase-js, the
 * ledger merge). Beside it, in the same run, a bare supabase-js subscriber of the same rows: the
 * delivery alone. Target: single move p50 ≤ 50 ms, p95 ≤ 150 ms.
 *   npm run bench:sync   (own embedded Postgres on 55230, local Supabase on 55231)
 */
import { performance } from "node:perf_hooks";
import { documentGraph } from "../../components/canvas/store";
import { graphToWire } from "../../lib/graph/flow-types";
import { type NodeRow, nodeFromRow } from "../../lib/graph/rows";
import { sameJson } from "../../lib/graph/same-json";
import type { GraphDiff, WireEdge, WireNode } from "../../lib/graph/schemas";
import { summarize } from "../graph/stats";
import { openCanvas, subscribeToChanges, whenTrue } from "./canvas-tab";
import { openTab, signUp, startSyncStack, type Tab } from "./stack";

const GRAPH_NODES = 300;
const MOVES = 200;
const PASTES = 20;
const PASTE_NODES = 200;
const PASTE_EDGES = 150;
const WARMUP = 5;

const toolNode = (id: string, x: number, y: number): WireNode => ({
  id,
  type: "protocol",
  position: { x, y },
  data: { label: id, serverId: null, tool: null, args: "{}" },
});
const edge = (id: string, source: string, target: string): WireEdge => ({
  id,
  source,
  target,
  sourceHandle: "out",
  targetHandle: "in",
});
const diffOf = (part: Partial<GraphDiff>): GraphDiff => ({
  upsertNodes: [],
  deleteNodes: [],
  upsertEdges: [],
  deleteEdges: [],
  ...part,
});

const seenNode = (row: unknown) => (row ? nodeFromRow(row as NodeRow) : undefined);

/** The bare baseline: a plain supabase-js channel on the same rows, counting what arrives. */
async function bareSubscriber(tab: Tab, workflowId: string) {
  const seen = new Map<string, unknown>();
  const listeners = new Set<() => void>();
  const channel = tab.supabase.channel(`bench-bare-${workflowId}`);
  for (const table of ["nodes", "edges"]) {
    channel.on(
      "postgres_changes",
      { event: "*", schema: "public", table, filter: `workflow_id=eq.${workflowId}` },
      (p) => {
        const row = (p.eventType === "DELETE" ? p.old : p.new) as { id: string };
        seen.set(`${table}:${row.id}`, p.eventType === "DELETE" ? null : p.new);
        for (const listener of listeners) listener();
      },
    );
  }
  await subscribeToChanges(channel, "bare subscriber");
  return {
    seen,
    subscribe(onChange: () => void) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
  };
}

function report(label: string, canvas: number[], bare: number[]) {
  const c = summarize(canvas);
  const b = summarize(bare);
  const f = (n: number) => n.toFixed(1).padStart(6);
  console.log(
    `${label.padEnd(26)} canvas store p50 ${f(c.median)} ms  p95 ${f(c.p95)} ms | bare subscriber p50 ${f(b.median)} ms  p95 ${f(b.p95)} ms | ratio p50 ${(c.median / b.median).toFixed(2)}× p95 ${(c.p95 / b.p95).toFixed(2)}× (n=${c.runs})`,
  );
  return c;
}

async function main() {
  const stack = await startSyncStack();
  try {
    const credentials = await signUp(stack, "sync");
    const a = await openTab(stack, credentials);
    const b = await openTab(stack, credentials);
    const bareTab = await openTab(stack, credentials);
    const workflow = await a.api.workflows.create.mutate({ name: "bench sync" });
    const workflowId = workflow.id;
    const nodes = Array.from({ length: GRAPH_NODES }, (_, i) =>
      toolNode(`n${i}`, (i % 20) * 220, Math.floor(i / 20) * 120),
    );
    const edges = nodes.slice(1).map((n, i) => edge(`e${i}`, `n${i}`, n.id));
    await a.api.graph.save.mutate({ workflowId, diff: diffOf({ upsertNodes: nodes, upsertEdges: edges }) });

    const canvas = await openCanvas(b, workflowId);
    const bare = await bareSubscriber(bareTab, workflowId);
    const storeWatch = (f: () => void) => canvas.store.subscribe(f);
    const nodeAt = (id: string) => documentGraph(canvas.store.getState()).nodes.find((n) => n.id === id);

    // Single moves.
    const moveCanvas: number[] = [];
    const moveBare: number[] = [];
    for (let round = 0; round < WARMUP + MOVES; round++) {
      const target = nodes[round % GRAPH_NODES] as WireNode;
      const moved = {
        ...target,
        position: { x: target.position.x + 7 * (round + 1), y: target.position.y + 3 },
      };
      const applied = whenTrue(
        storeWatch,
        () => sameJson(nodeAt(moved.id)?.position, moved.position),
        "move in B's store",
      );
      const delivered = whenTrue(
        bare.subscribe,
        () => sameJson(seenNode(bare.seen.get(`nodes:${moved.id}`))?.position.x, moved.position.x),
        "move at the bare subscriber",
      );
      await a.api.graph.save.mutate({ workflowId, diff: diffOf({ upsertNodes: [moved] }) });
      const returned = performance.now();
      const [tCanvas, tBare] = await Promise.all([applied, delivered]);
      if (round >= WARMUP) {
        moveCanvas.push(tCanvas - returned);
        moveBare.push(tBare - returned);
      }
    }

    // 200-node pastes (with 150 edges among them), each removed again before the next.
    const pasteCanvas: number[] = [];
    const pasteBare: number[] = [];
    for (let round = 0; round < PASTES + 1; round++) {
      const pasted = Array.from({ length: PASTE_NODES }, (_, i) =>
        toolNode(`p${round}-${i}`, i * 30, 2_000 + round * 40),
      );
      const pastedEdges = Array.from({ length: PASTE_EDGES }, (_, i) =>
        edge(`pe${round}-${i}`, `p${round}-${i}`, `p${round}-${i + 1}`),
      );
      const ids = new Set(pasted.map((n) => n.id));
      const countIn = () => documentGraph(canvas.store.getState()).nodes.filter((n) => ids.has(n.id)).length;
      const edgeIds = new Set(pastedEdges.map((e) => e.id));
      const edgesIn = () => canvas.store.getState().edges.filter((e) => edgeIds.has(e.id)).length;
      const bareCount = () =>
        [...ids].filter((id) => bare.seen.get(`nodes:${id}`)).length +
        [...edgeIds].filter((id) => bare.seen.get(`edges:${id}`)).length;
      const applied = whenTrue(storeWatch, () => countIn() === PASTE_NODES && edgesIn() === PASTE_EDGES);
      const delivered = whenTrue(bare.subscribe, () => bareCount() === PASTE_NODES + PASTE_EDGES);
      await a.api.graph.save.mutate({
        workflowId,
        diff: diffOf({ upsertNodes: pasted, upsertEdges: pastedEdges }),
      });
      const returned = performance.now();
      const [tCanvas, tBare] = await Promise.all([applied, delivered]);
      if (round >= 1) {
        pasteCanvas.push(tCanvas - returned);
        pasteBare.push(tBare - returned);
      }
      const removed = whenTrue(storeWatch, () => countIn() === 0);
      await a.api.graph.save.mutate({ workflowId, diff: diffOf({ deleteNodes: [...ids] }) });
      await removed;
    }

    console.log(
      `bench:sync — ${GRAPH_NODES}-node workflow; times from graph.save returning in tab A (negative: B had it first)`,
    );
    const move = report("single move", moveCanvas, moveBare);
    report(`${PASTE_NODES}-node paste (+${PASTE_EDGES} edges)`, pasteCanvas, pasteBare);
    const stored = await a.api.graph.load.query({ workflowId });
    const shown = graphToWire(documentGraph(canvas.store.getState()).nodes, canvas.store.getState().edges);
    const sorted = <T extends { id: string }>(items: T[]) =>
      [...items].sort((x, y) => x.id.localeCompare(y.id));
    const converged =
      sameJson(sorted(shown.nodes), sorted(stored.nodes)) &&
      sameJson(sorted(shown.edges), sorted(stored.edges));
    console.log(
      `tab B's canvas equals the stored graph: ${converged ? "yes" : "NO"}; B sent no saves: ${!canvas.autosave.hasUnsavedChanges() ? "yes" : "NO"}`,
    );
    console.log(
      `target single move p50 ≤ 50 ms: ${move.median <= 50 ? "met" : "NOT met"}; p95 ≤ 150 ms: ${move.p95 <= 150 ? "met" : "NOT met"}`,
    );
    await canvas.sync.stop();
    canvas.autosave.dispose();
    for (const tab of [a, b, bareTab]) await tab.supabase.removeAllChannels();
  } finally {
    await stack.close();
  }
}

await main();
process.exit(0);
