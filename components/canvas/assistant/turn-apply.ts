import type { Ledger } from "@/components/canvas/ledger";
import { mergeRemoteChanges } from "@/components/canvas/live/remote-merge";
import { patchCanvas } from "@/components/canvas/patch-canvas";
import { type CanvasStore, documentGraph } from "@/components/canvas/store";
import type { GraphDiff } from "@/lib/graph/schemas";

const HISTORY_LIMIT = 100;

/** An edit the server already saved: shown at once, judged by the ledger like its Realtime echo. */
export function showSavedEdit(store: CanvasStore, ledger: Ledger, diff: GraphDiff) {
  mergeRemoteChanges(
    store,
    ledger,
    [
      ...diff.upsertNodes.map((n) => ({ kind: "node" as const, id: n.id, value: n })),
      ...diff.deleteNodes.map((id) => ({ kind: "node" as const, id, value: null })),
      ...diff.upsertEdges.map((e) => ({ kind: "edge" as const, id: e.id, value: e })),
      ...diff.deleteEdges.map((id) => ({ kind: "edge" as const, id, value: null })),
    ],
    null,
  );
}

/**
 * Makes a finished turn one undo step of this tab: its edits arrived as remote changes (in every
 * snapshot of the history too), so the history is taken back to before the turn and the current
 * graph becomes the step that undo leaves.
 */
export function recordTurnStep(store: CanvasStore, ledger: Ledger, forward: GraphDiff, inverse: GraphDiff) {
  showSavedEdit(store, ledger, forward);
  store.setState((s) => ({
    past: [...s.past.map((g) => patchCanvas(g, inverse)), patchCanvas(documentGraph(s), inverse)].slice(
      -HISTORY_LIMIT,
    ),
    future: [],
    lastCoalesce: null,
  }));
}

/** Shows a proposal on the canvas, highlighted; nothing of it is in the document until applied. */
export function showProposal(store: CanvasStore, forward: GraphDiff, className: string) {
  const current = store.getState();
  const stored = new Set(current.nodes.map((n) => n.id));
  const storedEdges = new Set(current.edges.map((e) => e.id));
  const fresh: GraphDiff = {
    upsertNodes: forward.upsertNodes.filter((n) => !stored.has(n.id)),
    deleteNodes: [],
    upsertEdges: forward.upsertEdges.filter((e) => !storedEdges.has(e.id)),
    deleteEdges: [],
  };
  const touched = new Set(
    [...forward.upsertNodes.map((n) => n.id), ...forward.deleteNodes].filter((id) => stored.has(id)),
  );
  const preview: Record<string, true> = {};
  for (const n of fresh.upsertNodes) preview[`node:${n.id}`] = true;
  for (const e of fresh.upsertEdges) preview[`edge:${e.id}`] = true;
  store.getState().applyViewChange((s) => {
    const shown = patchCanvas({ nodes: s.nodes, edges: s.edges }, fresh, { className });
    return {
      preview,
      nodes: shown.nodes.map((n) => (touched.has(n.id) ? { ...n, className } : n)),
      edges: shown.edges,
    };
  });
}

/** Removes a proposal from the canvas (discard, or before applying it for real). */
export function clearProposal(store: CanvasStore, className: string) {
  store.getState().applyViewChange((s) => {
    const isPreview = (kind: string, id: string) => s.preview[`${kind}:${id}`] === true;
    const strip = <T extends { className?: string }>(item: T): T => {
      if (item.className !== className) return item;
      const { className: _, ...rest } = item;
      return rest as T;
    };
    return {
      preview: {},
      nodes: s.nodes.filter((n) => !isPreview("node", n.id)).map(strip),
      edges: s.edges.filter((e) => !isPreview("edge", e.id)).map(strip),
    };
  });
}

/** Applies a proposal as one local change: one undo step, saved by autosave through graph.save. */
export function applyProposal(store: CanvasStore, forward: GraphDiff, className: string) {
  clearProposal(store, className);
  store.getState().applyLocalChange((g) => patchCanvas(g, forward));
}
