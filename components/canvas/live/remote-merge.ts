import type { XYPosition } from "@xyflow/react";
import type { ItemKind, Ledger } from "@/components/canvas/ledger";
import { patchCanvas } from "@/components/canvas/patch-canvas";
import { type CanvasStore, documentGraph, type GraphState } from "@/components/canvas/store";
import { type AppEdge, edgeToWire, nodeToWire } from "@/lib/graph/flow-types";
import type { AppNode } from "@/lib/graph/nodes";
import { sameJson } from "@/lib/graph/same-json";
import type { GraphDiff, WireEdge, WireGraph, WireNode } from "@/lib/graph/schemas";
import { glideNodes } from "./glide";
import type { RemoteChange } from "./remote-changes";

/** The Neural Transition's classes; null when motion is off (prefers-reduced-motion). */
export type Motion = {
  enter: string;
  exit: string;
  draw: string;
  flash: string;
  glideMs: number;
  enterMs: number;
  exitMs: number;
};

type Patch = {
  nodes: Map<string, WireNode | null>;
  edges: Map<string, WireEdge | null>;
};

type ItemChange = Extract<RemoteChange, { kind: "node" | "edge" }>;

/** One kind of item in a merge: the canvas's value of each as the batch goes on, and what to show. */
type Judged<T> = { kind: ItemKind; local: Map<string, T | undefined>; patch: Map<string, T | null> };

/** The patch as a diff: the items it sets, and the ids it removes. */
function diffOf(patch: Patch): GraphDiff {
  const upserts = <T>(items: Map<string, T | null>) => [...items.values()].filter((v): v is T => v !== null);
  const deletes = <T>(items: Map<string, T | null>) =>
    [...items].filter(([, value]) => value === null).map(([id]) => id);
  return {
    upsertNodes: upserts(patch.nodes),
    deleteNodes: deletes(patch.nodes),
    upsertEdges: upserts(patch.edges),
    deleteEdges: deletes(patch.edges),
  };
}

function patchGraph(graph: GraphState, patch: Patch, positionOf?: (id: string) => XYPosition | undefined) {
  return patchCanvas(graph, diffOf(patch), { positionOf });
}

/**
 * Merges changes read from the database into the canvas. The ledger decides per item whether it
 * is this tab's own echo, a change to show, or one a newer local edit overrides; what is shown
 * animates unless motion is off. Returns whether the canvas now holds edits to save.
 */
export function mergeRemoteChanges(
  store: CanvasStore,
  ledger: Ledger,
  changes: ItemChange[],
  motion: Motion | null,
) {
  const state = store.getState();
  const document = documentGraph(state);
  const patch: Patch = { nodes: new Map(), edges: new Map() };
  // The canvas as each change finds it: an item changed twice in one batch is judged the second
  // time against the first change, not against the canvas before the batch.
  const nodes: Judged<WireNode> = {
    kind: "node",
    local: new Map(document.nodes.map((n) => [n.id, nodeToWire(n)])),
    patch: patch.nodes,
  };
  const edges: Judged<WireEdge> = {
    kind: "edge",
    local: new Map(document.edges.map((e) => [e.id, edgeToWire(e)])),
    patch: patch.edges,
  };
  const dragging = new Set(document.nodes.filter((n) => n.dragging === true).map((n) => n.id));
  let keptLocal = false;

  const judge = <T extends WireNode | WireEdge>(
    items: Judged<T>,
    id: string,
    value: T | null,
    busy: boolean,
  ) => {
    const verdict = ledger.receive(items.kind, id, value, items.local.get(id), busy);
    if (verdict === "apply") {
      items.patch.set(id, value);
      items.local.set(id, value ?? undefined);
    }
    if (verdict === "keep-local") keptLocal = true;
  };

  // Nodes first, so an edge never waits for its endpoints.
  const ordered = [...changes.filter((c) => c.kind === "node"), ...changes.filter((c) => c.kind === "edge")];
  for (const change of ordered) {
    if (change.kind === "node") {
      judge(nodes, change.id, change.value, state.held.has(change.id) || dragging.has(change.id));
    } else judge(edges, change.id, change.value, false);
  }
  if (patch.nodes.size > 0 || patch.edges.size > 0) showPatch(store, patch, motion);
  return { keptLocal };
}

function showPatch(store: CanvasStore, patch: Patch, motion: Motion | null) {
  if (!motion) {
    store.getState().applyRemoteChange((g) => patchGraph(g, patch));
    return;
  }
  const before = store.getState();
  const shown = new Map(before.nodes.map((n) => [n.id, n]));
  const glides = new Map<string, { from: XYPosition; to: XYPosition }>();
  const entering = new Set<string>();
  const flashing = new Set<string>();
  const leaving = new Set<string>();
  for (const [id, value] of patch.nodes) {
    const node = shown.get(id);
    if (!value) {
      if (node) leaving.add(id);
      continue;
    }
    if (!node) entering.add(id);
    else if (node.position.x !== value.position.x || node.position.y !== value.position.y) {
      glides.set(id, { from: node.position, to: value.position });
    } else if (!sameJson(nodeToWire(node).data, value.data)) flashing.add(id);
  }
  const drawing = new Set(
    [...patch.edges]
      .filter(([id, value]) => value && !before.edges.some((e) => e.id === id))
      .map(([id]) => id),
  );

  // Leaving nodes stay on screen while they fade; the document already lost them.
  const withoutLeaving: Patch = {
    nodes: new Map([...patch.nodes].filter(([id]) => !leaving.has(id))),
    edges: patch.edges,
  };
  store.getState().applyRemoteChange(
    (g) =>
      markClasses(
        patchGraph(g, withoutLeaving, (id) => glides.get(id)?.from),
        motion,
        { entering, flashing, leaving, drawing },
      ),
    (g) => patchGraph(g, patch),
  );
  if (leaving.size > 0) {
    store.getState().applyViewChange((s) => ({
      leaving: { ...s.leaving, ...Object.fromEntries([...leaving].map((id) => [id, true as const])) },
    }));
    setTimeout(() => removeLeaving(store, leaving), motion.exitMs);
  }
  if (glides.size > 0) glideNodes(store, glides, motion.glideMs);
  const marked = new Set([...entering, ...flashing]);
  if (marked.size > 0 || drawing.size > 0)
    setTimeout(() => clearClasses(store, marked, drawing), motion.enterMs);
}

function markClasses(
  graph: GraphState,
  motion: Motion,
  marks: { entering: Set<string>; flashing: Set<string>; leaving: Set<string>; drawing: Set<string> },
): GraphState {
  const classOf = (id: string) =>
    marks.entering.has(id)
      ? motion.enter
      : marks.flashing.has(id)
        ? motion.flash
        : marks.leaving.has(id)
          ? motion.exit
          : undefined;
  return {
    nodes: graph.nodes.map((n) => {
      const className = classOf(n.id);
      return className ? { ...n, className } : n;
    }),
    edges: graph.edges.map((e) => {
      if (marks.drawing.has(e.id)) return { ...e, className: motion.draw };
      if (marks.leaving.has(e.source) || marks.leaving.has(e.target)) return { ...e, className: motion.exit };
      return e;
    }),
  };
}

function removeLeaving(store: CanvasStore, ids: Set<string>) {
  store.getState().applyViewChange((s) => {
    const leaving = { ...s.leaving };
    for (const id of ids) delete leaving[id];
    return {
      leaving,
      nodes: s.nodes.filter((n) => !ids.has(n.id) || !s.leaving[n.id]),
      edges: s.edges.filter(
        (e) => !(ids.has(e.source) && s.leaving[e.source]) && !(ids.has(e.target) && s.leaving[e.target]),
      ),
    };
  });
}

function clearClasses(store: CanvasStore, nodeIds: Set<string>, edgeIds: Set<string>) {
  const strip = <T extends AppNode | AppEdge>(item: T): T => {
    const { className, ...rest } = item;
    return rest as T;
  };
  store.getState().applyViewChange((s) => ({
    nodes: s.nodes.map((n) => (nodeIds.has(n.id) && n.className ? strip(n) : n)),
    edges: s.edges.map((e) => (edgeIds.has(e.id) && e.className ? strip(e) : e)),
  }));
}

/**
 * After a reconnect: what the database holds now, merged like any other remote changes, so
 * nothing missed while disconnected is lost and unsaved local edits still win.
 */
export function changesToReach(ledger: Ledger, server: WireGraph): ItemChange[] {
  const stored = ledger.graph();
  const changes: ItemChange[] = [];
  const serverNodes = new Map(server.nodes.map((n) => [n.id, n]));
  const serverEdges = new Map(server.edges.map((e) => [e.id, e]));
  for (const node of server.nodes) {
    if (!sameJson(ledger.stored("node", node.id), node))
      changes.push({ kind: "node", id: node.id, value: node });
  }
  for (const node of stored.nodes)
    if (!serverNodes.has(node.id)) changes.push({ kind: "node", id: node.id, value: null });
  for (const edge of server.edges) {
    if (!sameJson(ledger.stored("edge", edge.id), edge))
      changes.push({ kind: "edge", id: edge.id, value: edge });
  }
  for (const edge of stored.edges)
    if (!serverEdges.has(edge.id)) changes.push({ kind: "edge", id: edge.id, value: null });
  return changes;
}
