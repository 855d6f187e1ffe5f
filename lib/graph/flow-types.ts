import type { Edge } from "@xyflow/react";
import { type AppNode, NODE_SPECS } from "./nodes";
import type { WireEdge, WireGraph, WireNode } from "./schemas";

/*
 * Between React Flow's nodes and edges and the wire shape. The typed node union itself is
 * derived from the node list (./nodes).
 */
export type AppEdge = Edge<Record<string, unknown>>;

/** Keeps only what is stored: React Flow's runtime fields (selected, measured…) stay local. */
export function nodeToWire(node: AppNode): WireNode {
  const wire = {
    id: node.id,
    type: node.type,
    position: { x: node.position.x, y: node.position.y },
    data: node.data,
  };
  const sized =
    NODE_SPECS[node.type].size.kind === "resizable" && (node.width != null || node.height != null);
  return (sized ? { ...wire, width: node.width ?? null, height: node.height ?? null } : wire) as WireNode;
}

export function edgeToWire(edge: AppEdge): WireEdge {
  const wire: WireEdge = {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle ?? null,
    targetHandle: edge.targetHandle ?? null,
  };
  if (edge.data && Object.keys(edge.data).length > 0) wire.data = edge.data;
  return wire;
}

export function nodeFromWire(node: WireNode): AppNode {
  const { width, height, ...rest } = node;
  return { ...rest, ...(width != null ? { width } : {}), ...(height != null ? { height } : {}) } as AppNode;
}

export function edgeFromWire(edge: WireEdge): AppEdge {
  const { data, ...rest } = edge;
  return { ...rest, ...(data ? { data } : {}) };
}

export function graphToWire(nodes: readonly AppNode[], edges: readonly AppEdge[]): WireGraph {
  return { nodes: nodes.map(nodeToWire), edges: edges.map(edgeToWire) };
}
