/**
 * Trymate latency, with the scripted OpenAI-compatible model server of the e2e fixtures and the
 * app's real provider code and chat route:
 * (a) from the model's tool call leaving the model server to the added node in a second tab's
 *     canvas store (route → tool → saveGraphDiff → Postgres → local Realtime → ledger merge);
 *     target p95 ≤ 200 ms;
 * (b) the app's added latency to the first streamed token: the first text delta through the chat
 *     route minus the first content chunk when calling the model server directly, median.
 *   npm run bench:assistant   (own embedded Postgres on BENCH_ASSISTANT_DB_PORT or 55260, local
 *   Supabase on BENCH_ASSISTANT_SUPABASE_PORT or 55261, the model server on a free port)
 */
import { performance } from "node:perf_hooks";
import { documentGraph } from "../../components/canvas/store";
import { startScriptedLlm } from "../../e2e/fixtures/scripted-llm";
import type { GraphDiff } from "../../lib/graph/schemas";
import { summarize } from "../graph/stats";
import { openCanvas, whenTrue } from "../sync/canvas-tab";
import { openTab, signUp, startSyncStack } from "../sync/stack";

const ROUNDS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const TARGET_P95_MS = 200;

async function main() {
  let toolCallAt = 0;
  const llm = await startScriptedLlm({ onToolCall: () => (toolCallAt = performance.now()) });
  process.env.TRYLIATE_ASSISTANT_BASE_URL = llm.url;
  process.env.TRYLIATE_ASSISTANT_MODEL = "scripted";
  process.env.TRYLIATE_ASSISTANT_REQUESTS_PER_MINUTE = "100000";
  process.env.TRYLIATE_ASSISTANT_TOKENS_PER_DAY = "100000000";
  const stack = await startSyncStack({
    name: "assistant",
    dbPort: Number(process.env.BENCH_ASSISTANT_DB_PORT ?? 55260),
    supabasePort: Number(process.env.BENCH_ASSISTANT_SUPABASE_PORT ?? 55261),
    // Imported on first use: the app reads its configuration at import, once the stack is up.
    routes: { "/api/assistant": async (req) => (await import("../../app/api/assistant/route")).POST(req) },
  });
  try {
    const credentials = await signUp(stack, "assistant");
    const a = await openTab(stack, credentials);
    const b = await openTab(stack, credentials);
    const { id: workflowId } = await a.api.workflows.create.mutate({ name: "bench assistant" });
    const trigger = {
      id: "start",
      type: "trigger" as const,
      position: { x: 0, y: 0 },
      data: { label: "Start", input: "{}" },
    };
    const diff: GraphDiff = { upsertNodes: [trigger], deleteNodes: [], upsertEdges: [], deleteEdges: [] };
    await a.api.graph.save.mutate({ workflowId, diff });
    const canvas = await openCanvas(b, workflowId);
    const count = () => documentGraph(canvas.store.getState()).nodes.length;

    const ask = (text: string) =>
      fetch(`${stack.appUrl}/api/assistant`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: a.cookie },
        body: JSON.stringify({
          workflowId,
          threadId: crypto.randomUUID(),
          proposeFirst: false,
          message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] },
        }),
      });

    // (a) tool call → second tab's store
    const toStore: number[] = [];
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const before = count();
      const applied = whenTrue(
        (f) => canvas.store.subscribe(f),
        () => count() > before,
        "the added node in B's store",
      );
      const response = await ask("Add a tool after the trigger");
      const body = response.text();
      const at = await applied;
      await body;
      if (round >= WARMUP) toStore.push(at - toolCallAt);
    }

    // (b) first streamed token: through the app vs the model server directly
    const firstChunk = async (response: Response, test: (line: string) => boolean) => {
      const reader = response.body?.getReader();
      const decoder = new TextDecoder();
      let text = "";
      for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
        text += decoder.decode(next.value, { stream: true });
        if (text.split("\n").some(test)) {
          const at = performance.now();
          await reader?.cancel();
          return at;
        }
      }
      throw new Error("no token arrived");
    };
    const direct: number[] = [];
    const viaApp: number[] = [];
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      let start = performance.now();
      const raw = await fetch(`${llm.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          model: "scripted",
          stream: true,
          messages: [{ role: "user", content: "hello there" }],
        }),
      });
      const d = (await firstChunk(raw, (l) => l.includes('"content"'))) - start;
      start = performance.now();
      const app = await firstChunk(await ask("hello there"), (l) => l.includes('"type":"text-delta"'));
      if (round >= WARMUP) {
        direct.push(d);
        viaApp.push(app - start);
      }
    }

    const s = summarize(toStore);
    const f = (n: number) => n.toFixed(1).padStart(6);
    console.log(`tool call → B's canvas store  p50 ${f(s.median)} ms  p95 ${f(s.p95)} ms (n=${s.runs})`);
    const d = summarize(direct);
    const v = summarize(viaApp);
    console.log(
      `first token: direct p50 ${f(d.median)} ms | through the app p50 ${f(v.median)} ms | added p50 ${f(v.median - d.median)} ms (n=${v.runs})`,
    );
    const pass = s.p95 <= TARGET_P95_MS;
    console.log(`${pass ? "PASS" : "FAIL"} tool call → second tab p95 ≤ ${TARGET_P95_MS} ms`);
    // The last turns' threads are still being saved after their streams were cancelled.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await canvas.sync.stop();
    canvas.autosave.dispose();
    process.exitCode = pass ? 0 : 1;
  } finally {
    await stack.close();
    await llm.close();
  }
}

await main();
process.exit(process.exitCode ?? 0);
