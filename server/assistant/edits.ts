import { randomUUID } from "node:crypto";
import { checkJsonArgs } from "@/lib/graph/json-args";
import { layeredLayout } from "@/lib/graph/layout";
import { defaultNodeData, NODE_SPECS } from "@/lib/graph/nodes";
import {
  type GraphDiff,
  type WireEdge,
  type WireGraph,
  type WireNode,
  wireEdgeSchema,
  wireNodeSchema,
} from "@/lib/graph/schemas";
import type { RegistryServer } from "@/server/mcp";
import type { EditBuilder } from "./turn-edits";

/*
 * The editing tools' logic: each turns the model's (schema-checked) arguments and the graph as
 * stored into a GraphDiff, or says in a sentence what is wrong so the model can correct itself.
 */

type Built = ReturnType<EditBuilder>;
const diffOf = (part: Partial<GraphDiff>): GraphDiff => ({
  upsertNodes: [],
  deleteNodes: [],
  upsertEdges: [],
  deleteEdges: [],
  ...part,
});

/** A node as a person reads it in the activity line: its label (its type's name without one), quoted. */
function named(node: WireNode | undefined, id: string): string {
  if (!node) return `"${id}"`;
  const label = "label" in node.data && node.data.label ? node.data.label : NODE_SPECS[node.type].label;
  return `"${label}"`;
}
const nodeIn = (graph: WireGraph, id: string) => graph.nodes.find((n) => n.id === id);

export type NodeFields = {
  label?: string;
  input?: unknown;
  text?: string;
  serverId?: string | null;
  tool?: string | null;
  args?: unknown;
};

const json = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value ?? {}));

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message))
    .join("; ");
}

/** Checks a tool node's server, tool and arguments against the registry (the tool's input schema). */
function toolProblem(node: WireNode, registry: readonly RegistryServer[]): string | undefined {
  if (node.type !== "protocol") return undefined;
  const { serverId, tool, args } = node.data;
  if (serverId === null && tool === null) return checkJsonArgs(args, null)[0];
  const server = registry.find((s) => s.id === serverId);
  if (!server) return `there is no registry server with id "${serverId}"; call list_registry for the ids`;
  if (tool === null) return undefined;
  const spec = server.tools.find((t) => t.name === tool);
  if (!spec)
    return `server "${server.id}" has no tool "${tool}"; its tools are: ${server.tools.map((t) => t.name).join(", ") || "none"}`;
  const problems = checkJsonArgs(args, spec.inputSchema);
  return problems.length > 0 ? `arguments of ${tool}: ${problems.join("; ")}` : undefined;
}

function withFields(node: WireNode, fields: NodeFields): WireNode {
  const data: Record<string, unknown> = { ...node.data };
  if (fields.label !== undefined && node.type !== "note") data.label = fields.label;
  if (fields.text !== undefined && node.type === "note") data.text = fields.text;
  if (fields.input !== undefined && node.type === "trigger") data.input = json(fields.input);
  if (node.type === "protocol") {
    if (fields.serverId !== undefined) data.serverId = fields.serverId;
    if (fields.tool !== undefined) data.tool = fields.tool;
    if (fields.args !== undefined) data.args = json(fields.args);
  }
  return { ...node, data } as WireNode;
}

function checked(node: WireNode, registry: readonly RegistryServer[]): WireNode | string {
  const parsed = wireNodeSchema.safeParse(node);
  if (!parsed.success) return `node "${node.id}": ${issuesOf(parsed.error)}`;
  const problem = toolProblem(parsed.data, registry);
  return problem ? `node "${node.id}": ${problem}` : parsed.data;
}

function placeAfter(graph: WireGraph, afterId: string | undefined): { x: number; y: number } {
  const after = afterId ? graph.nodes.find((n) => n.id === afterId) : undefined;
  if (after) {
    const below = graph.edges.filter((e) => e.source === after.id).length;
    return { x: after.position.x + 280, y: after.position.y + below * 110 };
  }
  const right = graph.nodes.reduce((max, n) => Math.max(max, n.position.x), Number.NEGATIVE_INFINITY);
  return graph.nodes.length === 0 ? { x: 0, y: 0 } : { x: right + 280, y: graph.nodes[0]?.position.y ?? 0 };
}

const newEdge = (
  source: string,
  target: string,
  sourceHandle: string | null,
  targetHandle: string | null,
): WireEdge => ({
  id: `e-${randomUUID().slice(0, 12)}`,
  source,
  target,
  sourceHandle,
  targetHandle,
});

export function addNodeEdit(
  args: NodeFields & { type: WireNode["type"]; after?: string; position?: { x: number; y: number } },
  registry: readonly RegistryServer[],
): EditBuilder {
  return (graph): Built => {
    if (args.after && !graph.nodes.some((n) => n.id === args.after)) {
      return { error: `there is no node "${args.after}" to add after; call read_graph for the ids` };
    }
    const base = {
      id: `${args.type}-${randomUUID().slice(0, 8)}`,
      type: args.type,
      position: args.position ?? placeAfter(graph, args.after),
      data: defaultNodeData(args.type),
    } as WireNode;
    const node = checked(withFields(base, args), registry);
    if (typeof node === "string") return { error: node };
    const edges = args.after ? [newEdge(args.after, node.id, null, null)] : [];
    const what = node.type === "protocol" ? `tool node "${node.data.label}"` : `${node.type} node`;
    const after = args.after ? ` after ${named(nodeIn(graph, args.after), args.after)}` : "";
    return {
      diff: diffOf({ upsertNodes: [node], upsertEdges: edges }),
      summary: `added ${what}${after}`,
    };
  };
}

export function updateNodeEdit(
  args: NodeFields & { id: string; position?: { x: number; y: number } },
  registry: readonly RegistryServer[],
): EditBuilder {
  return (graph): Built => {
    const current = graph.nodes.find((n) => n.id === args.id);
    if (!current) return { error: `there is no node "${args.id}"; call read_graph for the ids` };
    const moved = args.position ? { ...current, position: args.position } : current;
    const node = checked(withFields(moved, args), registry);
    if (typeof node === "string") return { error: node };
    return { diff: diffOf({ upsertNodes: [node] }), summary: `updated ${named(node, node.id)}` };
  };
}

export function connectEdit(args: {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}): EditBuilder {
  return (graph): Built => {
    const edge = newEdge(args.source, args.target, args.sourceHandle ?? null, args.targetHandle ?? null);
    const parsed = wireEdgeSchema.safeParse(edge);
    if (!parsed.success) return { error: issuesOf(parsed.error) };
    return {
      diff: diffOf({ upsertEdges: [parsed.data] }),
      summary: `connected ${named(nodeIn(graph, args.source), args.source)} to ${named(nodeIn(graph, args.target), args.target)}`,
    };
  };
}

export function deleteEdit(args: { nodeIds?: string[]; edgeIds?: string[] }): EditBuilder {
  return (graph): Built => {
    const nodeIds = args.nodeIds ?? [];
    const edgeIds = args.edgeIds ?? [];
    const missing = [
      ...nodeIds.filter((id) => !graph.nodes.some((n) => n.id === id)).map((id) => `node "${id}"`),
      ...edgeIds.filter((id) => !graph.edges.some((e) => e.id === id)).map((id) => `edge "${id}"`),
    ];
    if (missing.length > 0)
      return { error: `there is no ${missing.join(", ")}; call read_graph for the ids` };
    if (nodeIds.length + edgeIds.length === 0) return { error: "name at least one node or edge to delete" };
    const parts = [
      nodeIds.length && `${nodeIds.length} node${nodeIds.length === 1 ? "" : "s"}`,
      edgeIds.length && `${edgeIds.length} edge${edgeIds.length === 1 ? "" : "s"}`,
    ];
    return {
      diff: diffOf({ deleteNodes: nodeIds, deleteEdges: edgeIds }),
      summary: `deleted ${parts.filter(Boolean).join(" and ")}`,
    };
  };
}

/** Auto-layout needs the layout engine (async) before the diff is built from the same graph. */
export async function layoutEdit(graph: WireGraph): Promise<EditBuilder> {
  const positions = await layeredLayout(
    graph.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    graph.edges,
  );
  return (current): Built => {
    const moved = current.nodes
      .map((n) => {
        const p = positions.get(n.id);
        return p && (p.x !== n.position.x || p.y !== n.position.y)
          ? ({ ...n, position: p } as WireNode)
          : null;
      })
      .filter((n): n is WireNode => n !== null);
    return {
      diff: diffOf({ upsertNodes: moved }),
      summary: `laid out ${moved.length} node${moved.length === 1 ? "" : "s"}`,
    };
  };
}
