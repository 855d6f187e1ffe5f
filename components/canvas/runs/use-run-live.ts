"use client";
import { useEffect, useMemo } from "react";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { useTRPCClient } from "@/lib/trpc/client";
import { useRunViewStore } from "./run-view-context";
import type { RunRow, StepEventRow } from "./run-view-store";

/**
 * Follows the workflow's runs live: its own channel, `runs:<workflowId>`, with postgres_changes on
 * executions and execution_logs of this workflow (RLS keeps them to the owner). On every subscribe
 * (the first and after a reconnect) it loads the newest run whole, so nothing missed stays missing.
 */
export function useRunLive(workflowId: string, onRunChange?: () => void) {
  const store = useRunViewStore();
  const client = useTRPCClient();
  const supabase = useMemo(() => createBrowserSupabase(), []);

  useEffect(() => {
    if (!store) return;
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
      .on("postgres_changes", { event: "INSERT", schema: "public", table: "execution_logs", filter }, (payload) => {
        const row = payload.new as StepEventRow & { workflow_id?: string };
        if (row.workflow_id !== workflowId) return;
        store.getState().applyStep(row);
      });
    const subscribe = () =>
      channel.subscribe((state) => {
        if (state === "SUBSCRIBED") void loadNewest().catch(() => {});
      });
    // A private join is authorized with the user's token: hand it to Realtime before joining.
    void supabase.realtime
      .setAuth()
      .catch(() => {})
      .then(() => {
        if (!closed) subscribe();
      });
    return () => {
      closed = true;
      void supabase.removeChannel(channel);
    };
  }, [store, client, supabase, workflowId, onRunChange]);
}
