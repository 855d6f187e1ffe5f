import { sameJson } from "./same-json";
import type { GraphDiff, Viewport, WireEdge, WireGraph, WireNode } from "./schemas";

function changed<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const previous = new Map(before.map((item) => [item.id, item]));
  const current = new Set<string>();
  const upserts: T[] = [];
  for (const item of after) {
    current.add(item.id);
    const old = previous.get(item.id);
    if (!old || !sameJson(old, item)) upserts.push(item);
  }
  const deletes = before.filter((item) => !current.has(item.id)).map((item) => item.id);
  return { upserts, deletes };
}

/** What turns `before` into `after`: the changed or new nodes and edges, and the removed ids. */
export function computeGraphDiff(before: WireGraph, after: WireGraph): GraphDiff {
  const nodes = changed<WireNode>(before.nodes, after.nodes);
  const edges = changed<WireEdge>(before.edges, after.edges);
  const diff: GraphDiff = {
    upsertNodes: nodes.upserts,
    deleteNodes: nodes.deletes,
    upsertEdges: edges.upserts,
    deleteEdges: edges.deletes,
  };
  if (after.viewport && !sameViewport(before.viewport, after.viewport)) diff.viewport = after.viewport;
  return diff;
}

function sameViewport(a: Viewport | undefined, b: Viewport): boolean {
  return !!a && a.x === b.x && a.y === b.y && a.zoom === b.zoom;
}

export function isEmptyDiff(diff: GraphDiff): boolean {
  return (
    diff.upsertNodes.length === 0 &&
    diff.deleteNodes.length === 0 &&
    diff.upsertEdges.length === 0 &&
    diff.deleteEdges.length === 0 &&
    diff.viewport === undefined
  );
}

/** How a graph's items are made from their wire form, given the item they replace (if any). */
export type DiffItemMakers<N, E> = {
  node: (wire: WireNode, existing: N | undefined) => N;
  edge: (wire: WireEdge, existing: E | undefined) => E;
};

/**
 * The one way a diff is applied, to any graph whose items carry ids (the wire graph, the canvas,
 * a snapshot of the undo history): removed items go, upserts replace or join in place, and, as in
 * the database, an edge lives only while both its nodes do.
 */
export function patchGraphItems<
  N extends { id: string },
  E extends { id: string; source: string; target: string },
>(
  graph: { nodes: readonly N[]; edges: readonly E[] },
  diff: Omit<GraphDiff, "viewport">,
  make: DiffItemMakers<N, E>,
): { nodes: N[]; edges: E[] } {
  const deletedNodes = new Set(diff.deleteNodes);
  const nodes = new Map(graph.nodes.filter((n) => !deletedNodes.has(n.id)).map((n) => [n.id, n]));
  for (const wire of diff.upsertNodes) nodes.set(wire.id, make.node(wire, nodes.get(wire.id)));
  const deletedEdges = new Set(diff.deleteEdges);
  const edges = new Map(graph.edges.filter((e) => !deletedEdges.has(e.id)).map((e) => [e.id, e]));
  for (const wire of diff.upsertEdges) edges.set(wire.id, make.edge(wire, edges.get(wire.id)));
  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target)),
  };
}

const asWire: DiffItemMakers<WireNode, WireEdge> = { node: (wire) => wire, edge: (wire) => wire };

/** Applies a diff to a graph in memory (the server's result, computed the same way). */
export function applyGraphDiff(graph: WireGraph, diff: GraphDiff): WireGraph {
  return { ...patchGraphItems(graph, diff, asWire), viewport: diff.viewport ?? graph.viewport };
}
