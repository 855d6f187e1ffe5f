import { computeGraphDiff, isEmptyDiff } from "@/lib/graph/diff";
import { edgeFromWire, graphToWire, nodeFromWire } from "@/lib/graph/flow-types";
import type { GraphDiff, WireGraph } from "@/lib/graph/schemas";
import type { CanvasStore } from "./store";

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
 * is always computed against the last graph the server confirmed, so a failed or dropped
 * save loses nothing: the next attempt carries every change since then.
 */
export function createAutosave({ store, stored, save, classify, onStatus, debounceMs = 600 }: Options) {
  let baseline = stored;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;
  let failures = 0;
  let status: SaveStatus = { kind: "saved" };
  let disposed = false;

  const setStatus = (next: SaveStatus) => {
    status = next;
    onStatus(next);
  };
  const current = (): WireGraph => {
    const { nodes, edges, viewport } = store.getState();
    return { ...graphToWire(nodes, edges), viewport };
  };
  const schedule = (delay = debounceMs) => {
    if (disposed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), delay);
  };

  async function attempt(): Promise<void> {
    const target = current();
    const diff = computeGraphDiff(baseline, target);
    if (isEmptyDiff(diff)) {
      setStatus({ kind: "saved" });
      return;
    }
    setStatus({ kind: "saving" });
    try {
      await save(diff);
      baseline = target;
      failures = 0;
      const more = !isEmptyDiff(computeGraphDiff(baseline, current()));
      if (more) schedule(0);
      else setStatus({ kind: "saved" });
    } catch (error) {
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
    while (inFlight) await inFlight;
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

  // A remote change is already stored: move the baseline too, so it is not sent back.
  const unsubscribeRemote = store.getState().onRemoteChange((update) => {
    const next = update({ nodes: baseline.nodes.map(nodeFromWire), edges: baseline.edges.map(edgeFromWire) });
    baseline = { ...graphToWire(next.nodes, next.edges), viewport: baseline.viewport };
  });

  return {
    flush,
    /** Retry at once (the browser is back online, or the user asked). */
    retryNow: () => schedule(0),
    hasUnsavedChanges: () => inFlight !== null || !isEmptyDiff(computeGraphDiff(baseline, current())),
    status: () => status,
    dispose() {
      disposed = true;
      clearTimeout(timer);
      unsubscribe();
      unsubscribeRemote();
    },
  };
}

export type Autosave = ReturnType<typeof createAutosave>;
