import { performance } from "node:perf_hooks";
import type { SupabaseClient } from "@supabase/supabase-js";
import { startRunLive } from "../../components/canvas/runs/run-live";
import { createRunViewStore } from "../../components/canvas/runs/run-view-store";
import { stepStatusOf } from "../../lib/runs/status";
import type { LogEntry } from "../../server/runs/store";
import { subscribeToChanges, whenTrue } from "../sync/canvas-tab";
import type { Tab } from "../sync/stack";

/** `<run>:<node>:<status the canvas shows>`: one step event as the three places see it. */
const keyOf = (runId: string, nodeId: string, status: string) => `${runId}:${nodeId}:${status}`;

/** When each of the engine's log rows committed: hand `onLogged` to the engine. */
export function commitTimes() {
  const committed = new Map<string, number>();
  const onLogged = (entry: LogEntry) => {
    committed.set(keyOf(entry.executionId, entry.nodeId, stepStatusOf(entry.event)), performance.now());
  };
  return { committed, onLogged };
}

/** The canvas side: the editor's run view store, fed by the editor's own Runs channel code. */
export async function openRunView(tab: Tab, workflowId: string) {
  const store = createRunViewStore();
  const seen = new Map<string, number>();
  store.subscribe((state) => {
    if (!state.runId) return;
    for (const [nodeId, node] of Object.entries(state.nodes)) {
      const key = keyOf(state.runId, nodeId, node.status);
      if (!seen.has(key)) seen.set(key, performance.now());
    }
  });
  const stop = startRunLive({ supabase: tab.supabase, client: tab.api, workflowId, store });
  // Subscribed once it has loaded the newest run (which the run before this one made).
  await whenTrue(
    (f) => store.subscribe(f),
    () => store.getState().runId !== null,
    "the run view going live",
  );
  return { seen, stop };
}

/** The baseline: a bare supabase-js subscriber of the same log rows (their delivery alone). */
export async function bareLogSubscriber(supabase: SupabaseClient, workflowId: string) {
  const seen = new Map<string, number>();
  const channel = supabase
    .channel(`bench-runs-bare-${workflowId}`)
    .on(
      "postgres_changes",
      { event: "INSERT", schema: "public", table: "execution_logs", filter: `workflow_id=eq.${workflowId}` },
      (payload) => {
        const row = payload.new as {
          execution_id: string;
          node_id: string;
          event: Parameters<typeof stepStatusOf>[0];
        };
        const key = keyOf(row.execution_id, row.node_id, stepStatusOf(row.event));
        if (!seen.has(key)) seen.set(key, performance.now());
      },
    );
  await subscribeToChanges(channel, "bare subscriber");
  return { seen, stop: () => supabase.removeChannel(channel) };
}

/** Latencies from commit to each watcher, for the rows of the given runs; rows a watcher never saw are counted. */
export function latencies(
  committed: Map<string, number>,
  runIds: Set<string>,
  watchers: Array<Map<string, number>>,
) {
  const samples = watchers.map(() => [] as number[]);
  let missed = 0;
  for (const [key, at] of committed) {
    if (!runIds.has(key.slice(0, key.indexOf(":")))) continue;
    watchers.forEach((seen, i) => {
      const t = seen.get(key);
      if (t === undefined) missed++;
      else samples[i]?.push(t - at);
    });
  }
  return { samples, missed };
}
