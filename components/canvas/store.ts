import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from "@xyflow/react";
import { createStore } from "zustand/vanilla";
import type { AppEdge } from "@/lib/graph/flow-types";
import type { AppNode } from "@/lib/graph/nodes";
import { DEFAULT_VIEWPORT, type Viewport } from "@/lib/graph/schemas";
import { connectionProblem } from "@/lib/graph/validate";

export type GraphState = { nodes: AppNode[]; edges: AppEdge[] };
type GraphUpdater = (graph: GraphState) => GraphState;

const HISTORY_LIMIT = 100;
const COALESCE_MS = 1_000;

export type CanvasState = GraphState & {
  viewport: Viewport;
  past: GraphState[];
  future: GraphState[];
  /** Bumped on every local change that should be saved; autosave watches it. */
  revision: number;
  /** Nodes gliding to a remotely saved position: their stored position is the target, not the frame's. */
  gliding: Record<string, XYPosition>;
  /** Nodes deleted elsewhere, fading out: already gone from the document. */
  leaving: Record<string, true>;
  /** Items shown as an assistant's proposal (`node:<id>`, `edge:<id>`): on screen, not in the document. */
  preview: Record<string, true>;
  lastCoalesce: { key: string; at: number } | null;

  /**
   * A change made by this user: recorded for undo, then autosaved. Changes that share a
   * `coalesceKey` within a second (typing in one field) make one undo step.
   */
  applyLocalChange: (update: GraphUpdater, options?: { coalesceKey?: string }) => void;
  /**
   * A change that is already stored elsewhere (another tab, a run, SQL) and arrived through
   * Realtime: not an undo step and not saved again. It is applied to the undo history's snapshots
   * too, so undoing a local step never reverts someone else's change.
   */
  applyRemoteChange: (update: GraphUpdater, historyUpdate?: GraphUpdater) => void;
  /** Animation frames and view-only marks (classes): no history, no save. */
  applyViewChange: (update: (state: CanvasState) => Partial<CanvasState>) => void;

  onNodesChange: (changes: NodeChange<AppNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<AppEdge>[]) => void;
  connect: (connection: Connection) => void;
  canConnect: (connection: Connection | AppEdge) => boolean;
  /** Nodes the user is holding in a drag right now: remote moves of them wait for the drop. */
  held: ReadonlySet<string>;
  /** Called when a drag starts, so the whole drag is one undo step. */
  beginDrag: (nodes: readonly { id: string }[]) => void;
  endDrag: () => void;
  setViewport: (viewport: Viewport) => void;
  updateNodeData: (id: string, patch: Record<string, unknown>, field: string) => void;
  deleteSelection: () => void;
  undo: () => void;
  redo: () => void;
};

// Selection and measurement are view state, not document state: never saved, never undone.
// A resize (a note's corner handle) is a document change.
const isViewOnly = (change: NodeChange<AppNode>) =>
  change.type === "select" || (change.type === "dimensions" && change.resizing === undefined);

// A node the user grabs stops gliding: the drag owns its position from then on.
function withoutMoved(gliding: Record<string, XYPosition>, changes: NodeChange<AppNode>[]) {
  const moved = changes.filter((c) => c.type === "position" && c.id in gliding);
  if (moved.length === 0) return gliding;
  const next = { ...gliding };
  for (const change of moved) if (change.type === "position") delete next[change.id];
  return next;
}

export function newEdgeId(): string {
  return `e-${crypto.randomUUID().slice(0, 12)}`;
}

/** The graph as it is to be stored: gliding nodes at their targets, leaving and proposed nodes gone. */
export function documentGraph(
  state: Pick<CanvasState, "nodes" | "edges" | "gliding" | "leaving"> & { preview?: Record<string, true> },
): GraphState {
  const { gliding } = state;
  const preview = state.preview ?? {};
  const hasPreview = Object.keys(preview).length > 0;
  const leaving = hasPreview ? { ...state.leaving, ...previewNodes(preview) } : state.leaving;
  const hasGliding = Object.keys(gliding).length > 0;
  const hasLeaving = Object.keys(leaving).length > 0;
  if (!hasGliding && !hasLeaving && !hasPreview) return { nodes: state.nodes, edges: state.edges };
  const nodes = state.nodes
    .filter((n) => !leaving[n.id])
    .map((n) => {
      const target = gliding[n.id];
      return target ? { ...n, position: target } : n;
    });
  const edges =
    hasLeaving || hasPreview
      ? state.edges.filter((e) => !leaving[e.source] && !leaving[e.target] && !preview[`edge:${e.id}`])
      : state.edges;
  return { nodes, edges };
}

function previewNodes(preview: Record<string, true>): Record<string, true> {
  const ids: Record<string, true> = {};
  for (const key of Object.keys(preview)) if (key.startsWith("node:")) ids[key.slice(5)] = true;
  return ids;
}

export function createCanvasStore(initial: GraphState & { viewport?: Viewport }) {
  return createStore<CanvasState>()((set, get) => {
    const snapshot = (): GraphState => documentGraph(get());
    const record = (coalesceKey?: string) => {
      const now = Date.now();
      const last = get().lastCoalesce;
      if (coalesceKey && last && last.key === coalesceKey && now - last.at < COALESCE_MS) {
        set({ lastCoalesce: { key: coalesceKey, at: now } });
        return;
      }
      set((s) => ({
        past: [...s.past, snapshot()].slice(-HISTORY_LIMIT),
        future: [],
        lastCoalesce: coalesceKey ? { key: coalesceKey, at: now } : null,
      }));
    };

    return {
      nodes: initial.nodes,
      edges: initial.edges,
      viewport: initial.viewport ?? DEFAULT_VIEWPORT,
      past: [],
      future: [],
      revision: 0,
      gliding: {},
      leaving: {},
      preview: {},
      held: new Set(),
      lastCoalesce: null,

      applyLocalChange(update, options) {
        record(options?.coalesceKey);
        set((s) => ({ ...update({ nodes: s.nodes, edges: s.edges }), revision: s.revision + 1 }));
      },

      applyRemoteChange(update, historyUpdate = update) {
        set((s) => ({
          ...update({ nodes: s.nodes, edges: s.edges }),
          past: s.past.map(historyUpdate),
          future: s.future.map(historyUpdate),
        }));
      },

      applyViewChange(update) {
        set(update);
      },

      onNodesChange(changes) {
        const viewOnly = changes.every(isViewOnly);
        const removes = changes.some((c) => c.type === "remove");
        if (removes) record();
        set((s) => ({
          nodes: applyNodeChanges(changes, s.nodes),
          revision: viewOnly ? s.revision : s.revision + 1,
          gliding: withoutMoved(s.gliding, changes),
        }));
      },

      onEdgesChange(changes) {
        const viewOnly = changes.every((c) => c.type === "select");
        if (changes.some((c) => c.type === "remove")) record();
        set((s) => ({
          edges: applyEdgeChanges(changes, s.edges),
          revision: viewOnly ? s.revision : s.revision + 1,
        }));
      },

      canConnect(connection) {
        const { nodes, edges } = get();
        const typeOf = (id: string) => nodes.find((n) => n.id === id)?.type;
        const candidate = {
          source: connection.source,
          target: connection.target,
          sourceHandle: connection.sourceHandle ?? null,
          targetHandle: connection.targetHandle ?? null,
        };
        if (connectionProblem(candidate, typeOf(candidate.source), typeOf(candidate.target))) return false;
        return !edges.some(
          (e) =>
            e.source === candidate.source &&
            e.target === candidate.target &&
            (e.sourceHandle ?? null) === candidate.sourceHandle &&
            (e.targetHandle ?? null) === candidate.targetHandle,
        );
      },

      connect(connection) {
        if (!get().canConnect(connection)) return;
        const edge: AppEdge = {
          id: newEdgeId(),
          source: connection.source,
          target: connection.target,
          sourceHandle: connection.sourceHandle ?? null,
          targetHandle: connection.targetHandle ?? null,
        };
        get().applyLocalChange((g) => ({ ...g, edges: [...g.edges, edge] }));
      },

      beginDrag(nodes) {
        record();
        set({ held: new Set(nodes.map((n) => n.id)) });
      },

      endDrag() {
        set({ held: new Set() });
      },

      setViewport(viewport) {
        set((s) => ({ viewport, revision: s.revision + 1 }));
      },

      updateNodeData(id, patch, field) {
        get().applyLocalChange(
          (g) => ({
            ...g,
            nodes: g.nodes.map((n) =>
              n.id === id ? ({ ...n, data: { ...n.data, ...patch } } as AppNode) : n,
            ),
          }),
          { coalesceKey: `${id}:${field}` },
        );
      },

      deleteSelection() {
        const { nodes, edges } = get();
        const gone = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
        const edgesLeft = edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
        if (gone.size === 0 && edgesLeft.length === edges.length) return;
        get().applyLocalChange((g) => ({ nodes: g.nodes.filter((n) => !gone.has(n.id)), edges: edgesLeft }));
      },

      undo() {
        const { past } = get();
        const previous = past[past.length - 1];
        if (!previous) return;
        set((s) => ({
          ...previous,
          past: s.past.slice(0, -1),
          future: [snapshot(), ...s.future],
          revision: s.revision + 1,
          gliding: {},
          lastCoalesce: null,
        }));
      },

      redo() {
        const [next, ...rest] = get().future;
        if (!next) return;
        set((s) => ({
          ...next,
          past: [...s.past, snapshot()],
          future: rest,
          revision: s.revision + 1,
          gliding: {},
          lastCoalesce: null,
        }));
      },
    };
  });
}

export type CanvasStore = ReturnType<typeof createCanvasStore>;
