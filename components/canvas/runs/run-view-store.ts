import { createStore } from "zustand/vanilla";
import { isFinished, type RunStatus, type StepEvent, type StepStatus, stepStatusOf } from "@/lib/runs/status";

export type NodeRunState = { status: StepStatus; durationMs: number | null; attempt: number; seq: number };

export type RunViewState = {
  /** The run the canvas shows: the newest one of this workflow. */
  runId: string | null;
  runStatus: RunStatus | null;
  nodes: Record<string, NodeRunState>;
};

/** One log row as Realtime or the API delivers it. */
export type StepEventRow = {
  execution_id: string;
  node_id: string | null;
  event: StepEvent | null;
  attempt: number;
  duration_ms: number | null;
  seq: number | string;
};

export type RunRow = { id: string; status: RunStatus; started_at?: string };

// A run only moves forward (queued, running, finished); what arrives late must not turn it back.
const stage = (status: RunStatus) => (isFinished(status) ? 2 : status === "running" ? 1 : 0);
const advanced = (current: RunStatus | null, next: RunStatus) =>
  !current || stage(next) >= stage(current) ? next : current;

/**
 * What the canvas shows of runs: each node's status and duration in the run on screen. Fed by the
 * `runs:<workflowId>` Realtime channel and by loading a run; rows may arrive in any order, the
 * newest event of a node (by its log sequence) wins.
 */
export function createRunViewStore() {
  return createStore<
    RunViewState & {
      showRun: (run: RunRow, steps?: StepEventRow[]) => void;
      applyRun: (run: RunRow) => void;
      applyStep: (row: StepEventRow) => void;
      clear: () => void;
    }
  >()((set, get) => ({
    runId: null,
    runStatus: null,
    nodes: {},
    showRun: (run, steps = []) => {
      // The same run again (its start answered after its first rows arrived, or a reload): merge.
      if (get().runId === run.id) set({ runStatus: advanced(get().runStatus, run.status) });
      else set({ runId: run.id, runStatus: run.status, nodes: {} });
      for (const row of steps) get().applyStep(row);
    },
    applyRun: (run) => {
      const { runId, runStatus } = get();
      if (runId === run.id) set({ runStatus: advanced(runStatus, run.status) });
      else if (run.status === "queued" || run.status === "running")
        set({ runId: run.id, runStatus: run.status, nodes: {} });
    },
    applyStep: (row) => {
      if (!row.node_id || !row.event) return;
      if (get().runId !== row.execution_id) {
        // A step of a run the canvas has not seen start yet: a new run took over.
        set({ runId: row.execution_id, runStatus: "running", nodes: {} });
      }
      const seq = Number(row.seq);
      const current = get().nodes[row.node_id];
      if (current && current.seq > seq) return;
      set((state) => ({
        nodes: {
          ...state.nodes,
          [row.node_id as string]: {
            status: stepStatusOf(row.event as StepEvent),
            durationMs: row.duration_ms,
            attempt: row.attempt,
            seq,
          },
        },
      }));
    },
    clear: () => set({ runId: null, runStatus: null, nodes: {} }),
  }));
}

export type RunViewStore = ReturnType<typeof createRunViewStore>;
