import { applyGraphDiff } from "@/lib/graph/diff";
import { sameJson } from "@/lib/graph/same-json";
import type { GraphDiff, Viewport, WireEdge, WireGraph, WireNode } from "@/lib/graph/schemas";

export type ItemKind = "node" | "edge";
type Item = WireNode | WireEdge;
type Sent = { value: Item | null; echoed: boolean };

/** What to do with a change that came from the database (another tab, another device, SQL). */
export type RemoteVerdict =
  /** The canvas still shows what was stored before: take the new value. */
  | "apply"
  /** Nothing to do: it is this tab's own save coming back, or the canvas already shows it. */
  | "same"
  /** The canvas holds a newer local edit of the item (a drag, a save in flight): it wins and is saved. */
  | "keep-local";

const keyOf = (kind: ItemKind, id: string) => `${kind}:${id}`;

/**
 * What this tab believes the database holds (the baseline autosave diffs against), and what it
 * has sent but not yet seen confirmed. Remote changes are judged against both, so a tab's own
 * saves echoing back change nothing and a remote change never overwrites an unsaved local edit.
 */
export function createLedger(stored: WireGraph) {
  let nodes = new Map(stored.nodes.map((n) => [n.id, n]));
  let edges = new Map(stored.edges.map((e) => [e.id, e]));
  let viewport: Viewport | undefined = stored.viewport;
  let sending: Map<string, Sent> | null = null;

  const mapOf = (kind: ItemKind): Map<string, Item> => (kind === "node" ? nodes : edges) as Map<string, Item>;

  const setStored = (kind: ItemKind, id: string, value: Item | null) => {
    if (value) {
      mapOf(kind).set(id, value);
      return;
    }
    mapOf(kind).delete(id);
    // The database drops a node's edges with it (foreign keys cascade).
    if (kind === "node") {
      for (const [edgeId, edge] of edges) if (edge.source === id || edge.target === id) edges.delete(edgeId);
    }
  };

  return {
    /** The graph as the database holds it, as far as this tab knows. */
    graph(): WireGraph {
      return { nodes: [...nodes.values()], edges: [...edges.values()], viewport };
    },

    stored(kind: ItemKind, id: string): Item | undefined {
      return mapOf(kind).get(id);
    },

    /** A save of `diff` is on its way. */
    beginSave(diff: GraphDiff) {
      sending = new Map();
      for (const node of diff.upsertNodes)
        sending.set(keyOf("node", node.id), { value: node, echoed: false });
      for (const id of diff.deleteNodes) sending.set(keyOf("node", id), { value: null, echoed: false });
      for (const edge of diff.upsertEdges)
        sending.set(keyOf("edge", edge.id), { value: edge, echoed: false });
      for (const id of diff.deleteEdges) sending.set(keyOf("edge", id), { value: null, echoed: false });
    },

    /** The save of `diff` is committed. Items whose echo already arrived are up to date already. */
    saveSucceeded(diff: GraphDiff) {
      const echoed = (kind: ItemKind, id: string) => sending?.get(keyOf(kind, id))?.echoed === true;
      const unconfirmed: GraphDiff = {
        upsertNodes: diff.upsertNodes.filter((n) => !echoed("node", n.id)),
        deleteNodes: diff.deleteNodes.filter((id) => !echoed("node", id)),
        upsertEdges: diff.upsertEdges.filter((e) => !echoed("edge", e.id)),
        deleteEdges: diff.deleteEdges.filter((id) => !echoed("edge", id)),
        viewport: diff.viewport,
      };
      const next = applyGraphDiff(this.graph(), unconfirmed);
      nodes = new Map(next.nodes.map((n) => [n.id, n]));
      edges = new Map(next.edges.map((e) => [e.id, e]));
      viewport = next.viewport;
      sending = null;
    },

    saveFailed() {
      sending = null;
    },

    /**
     * Records a change read from the database and says what the canvas should do with it.
     * `local` is the item as the canvas shows it now (undefined when absent); `busy` is true while
     * the user holds it (dragging).
     */
    receive(
      kind: ItemKind,
      id: string,
      value: Item | null,
      local: Item | undefined,
      busy: boolean,
    ): RemoteVerdict {
      const sent = sending?.get(keyOf(kind, id));
      if (sent && !sent.echoed) {
        // Until this tab's own write comes back, anything else about the item committed before it
        // and is about to be overwritten by it.
        if (sameJson(sent.value, value)) {
          sent.echoed = true;
          setStored(kind, id, value);
        }
        return "same";
      }
      const before = mapOf(kind).get(id) ?? null;
      setStored(kind, id, value);
      if (sameJson(local ?? null, value)) return "same";
      if (busy || !sameJson(local ?? null, before)) return "keep-local";
      return "apply";
    },

    /** After a reconnect: the database's graph replaces what this tab believed. */
    reset(graph: WireGraph) {
      nodes = new Map(graph.nodes.map((n) => [n.id, n]));
      edges = new Map(graph.edges.map((e) => [e.id, e]));
      viewport = graph.viewport ?? viewport;
    },

    isSaving: () => sending !== null,
  };
}

export type Ledger = ReturnType<typeof createLedger>;
