import type { SupabaseClient } from "@supabase/supabase-js";
import type { ApiClient } from "@/lib/trpc/types";
import type { RunRow, RunViewStore, StepEventRow } from "./run-view-store";

export type RunLiveOptions = {
  supabase: SupabaseClient;
  client: ApiClient;
  workflowId: string;
  store: RunViewStore;
  onRunChange?: () => void;
};

/**
 * Follows a workflow's runs live: its own channel, `runs:<workflowId>`, with postgres_changes on
 * executions and execution_logs of this workflow (RLS keeps them to the owner). On every subscribe
 * (the first and after a reconnect) it loads the newest run whole, so nothing missed stays missing.
 * Returns the function that leaves the channel.
 */
export function startRunLive({
  supabase,
  client,
  workflowId,
  store,
  onRunChange,
}: RunLiveOptions): () => void {
  let closed = false;
  const loadNewest = async () => {
    const [newest] = await client.runs.list.query({ workflowId });
    if (!newest || closed) return;
    const run = await client.runs.get.query({ id: newest.id });
    if (closed) return;
    store.getState().showRun(
      { id: run.id, status: run.status },
      run.steps.map((step) => ({
        execution_id: run.id,
        node_id: step.nodeId,
        event: step.event,
        attempt: step.attempt,
        duration_ms: step.durationMs,
        seq: step.seq,
      })),
    );
  };
  const filter = `workflow_id=eq.${workflowId}`;
  // Private (Realtime Authorization: only the workflow's owner may join), so it works with
  // Supabase's "Allow public access" off.
  const channel = supabase
    .channel(`runs:${workflowId}`, { config: { private: true } })
    .on("postgres_changes", { event: "*", schema: "public", table: "executions", filter }, (payload) => {
      const row = payload.new as Partial<RunRow> & { workflow_id?: string };
      if (!row?.id || row.workflow_id !== workflowId) return;
      store.getState().applyRun(row as RunRow);
      onRunChange?.();
    })
    .on(
      "postgres_changes",
      { event: "INSERT", schema: "public", table: "execution_logs", filter },
      (payload) => {
        const row = payload.new as StepEventRow & { workflow_id?: string };
        if (row.workflow_id !== workflowId) return;
        store.getState().applyStep(row);
      },
    );
  // A private join is authorized with the user's token: hand it to Realtime before joining.
  void supabase.realtime
    .setAuth()
    .catch(() => {})
    .then(() => {
      if (closed) return;
      channel.subscribe((state) => {
        if (state === "SUBSCRIBED") void loadNewest().catch(() => {});
      });
    });
  return () => {
    closed = true;
    void supabase.removeChannel(channel);
  };
}
