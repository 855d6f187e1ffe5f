import { computeGraphDiff, isEmptyDiff } from "@/lib/graph/diff";
import { graphToWire } from "@/lib/graph/flow-types";
import type { GraphDiff, WireGraph } from "@/lib/graph/schemas";
import { createLedger } from "./ledger";
import { type CanvasStore, documentGraph } from "./store";

export type SaveStatus =
  | { kind: "saved" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "offline"; retryAt: number }
  | { kind: "error"; message: string };

export type SaveFailure = { retry: boolean; message: string };

type Options = {
  store: CanvasStore;
  /** The graph as stored when the editor opened. */
  stored: WireGraph;
  save: (diff: GraphDiff) => Promise<unknown>;
  /** Tells a network drop (retry) from a refusal (show the reason). */
  classify: (error: unknown) => SaveFailure;
  onStatus: (status: SaveStatus) => void;
  debounceMs?: number;
};

const RETRY_STEPS_MS = [1_000, 2_000, 4_000, 8_000, 15_000];

/**
 * Sends what changed since the last successful save, shortly after the last change. The diff
 * is always computed against the ledger (what the database holds, as far as this tab knows), so
 * a failed or dropped save loses nothing: the next attempt carries every change since then.
 */
export function createAutosave({ store, stored, save, classify, onStatus, debounceMs = 600 }: Options) {
  const ledger = createLedger(stored);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;
  let held: Promise<void> | null = null;
  let failures = 0;
  let status: SaveStatus = { kind: "saved" };
  let disposed = false;

  const setStatus = (next: SaveStatus) => {
    status = next;
    onStatus(next);
  };
  const current = (): WireGraph => {
    const state = store.getState();
    const { nodes, edges } = documentGraph(state);
    return { ...graphToWire(nodes, edges), viewport: state.viewport };
  };
  const schedule = (delay = debounceMs) => {
    if (disposed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), delay);
  };

  async function attempt(): Promise<void> {
    const target = current();
    const diff = computeGraphDiff(ledger.graph(), target);
    if (isEmptyDiff(diff)) {
      setStatus({ kind: "saved" });
      return;
    }
    setStatus({ kind: "saving" });
    ledger.beginSave(diff);
    try {
      await save(diff);
      ledger.saveSucceeded(diff);
      failures = 0;
      const more = !isEmptyDiff(computeGraphDiff(ledger.graph(), current()));
      if (more) schedule(0);
      else setStatus({ kind: "saved" });
    } catch (error) {
      ledger.saveFailed();
      const failure = classify(error);
      if (failure.retry) {
        const delay = RETRY_STEPS_MS[Math.min(failures, RETRY_STEPS_MS.length - 1)] ?? 15_000;
        failures += 1;
        setStatus({ kind: "offline", retryAt: Date.now() + delay });
        schedule(delay);
      } else {
        setStatus({ kind: "error", message: failure.message });
      }
    }
  }

  /** Saves now; resolves when everything changed so far is stored (or the save failed). */
  async function flush(): Promise<void> {
    clearTimeout(timer);
    // Checked again after every wait, and claimed without yielding, so two callers never both go.
    while (inFlight || held) await (inFlight ?? held);
    inFlight = attempt().finally(() => {
      inFlight = null;
    });
    await inFlight;
  }

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.revision === previous.revision) return;
    if (status.kind === "saved" || status.kind === "error") setStatus({ kind: "pending" });
    // While offline, keep the back-off; new changes ride along with the next retry.
    if (status.kind !== "offline") schedule();
  });

  return {
    flush,
    ledger,
    /** Saves soon if the canvas holds anything the database does not (after remote changes were merged). */
    saveIfChanged() {
      if (status.kind !== "offline" && !isEmptyDiff(computeGraphDiff(ledger.graph(), current()))) schedule();
    },
    /**
     * Runs `task` with no save in flight and none starting until it ends, so what it reads from the
     * database matches the ledger. Saves due meanwhile go out afterwards.
     */
    async withSavesHeld<T>(task: () => Promise<T>): Promise<T> {
      while (inFlight || held) await (inFlight ?? held);
      let release = () => {};
      held = new Promise((resolve) => {
        release = resolve;
      });
      try {
        return await task();
      } finally {
        held = null;
        release();
      }
    },
    /** Retry at once (the browser is back online, or the user asked). */
    retryNow: () => schedule(0),
    hasUnsavedChanges: () => inFlight !== null || !isEmptyDiff(computeGraphDiff(ledger.graph(), current())),
    status: () => status,
    dispose() {
      disposed = true;
      clearTimeout(timer);
      unsubscribe();
    },
  };
}

export type Autosave = ReturnType<typeof createAutosave>;
