import type { Edge, Node } from "@xyflow/react";
import type { NodeType } from "./node-specs";
import type { NoteData, ProtocolData, TriggerData, WireEdge, WireGraph, WireNode } from "./schemas";

/** React Flow's typed nodes and edges for this app (xyflow's `Node<Data, 'type'>` unions). */
export type TriggerNode = Node<TriggerData, "trigger">;
export type ProtocolNode = Node<ProtocolData, "protocol">;
export type NoteNode = Node<NoteData, "note">;
export type AppNode = TriggerNode | ProtocolNode | NoteNode;
export type AppEdge = Edge<Record<string, unknown>>;

export function defaultNodeData(type: NodeType): AppNode["data"] {
  switch (type) {
    case "trigger":
      return { label: "Start", input: "{}" };
    case "protocol":
      return { label: "Call a tool", serverId: null, tool: null, args: "{}" };
    case "note":
      return { text: "" };
  }
}

/** Keeps only what is stored: React Flow's runtime fields (selected, measured…) stay local. */
export function nodeToWire(node: AppNode): WireNode {
  const wire = { id: node.id, type: node.type, position: { x: node.position.x, y: node.position.y }, data: node.data };
  const sized = node.type === "note" && (node.width != null || node.height != null);
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
