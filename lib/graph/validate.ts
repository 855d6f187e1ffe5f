import { GRAPH_LIMITS } from "./limits";
import { inputHandle, kindsFit, outputHandle } from "./nodes";
import type { GraphDiff, WireEdge, WireGraph } from "./schemas";

/** One problem with a graph or a diff: where it is and what is wrong, fit to show a user. */
export type GraphIssue = { path: string; message: string };

const encoder = new TextEncoder();

/** UTF-8 size of the value's JSON; exact bytes are counted only when they could pass the limit. */
function byteLength(value: unknown, limit: number): number {
  if (value == null) return 0;
  const json = JSON.stringify(value);
  // A UTF-16 code unit is at most 3 UTF-8 bytes, and at least 1.
  return json.length * 3 <= limit || json.length > limit ? json.length : encoder.encode(json).length;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** Checks a connection between two node types and handles; returns why it is refused, if it is. */
export function connectionProblem(
  edge: Pick<WireEdge, "source" | "target" | "sourceHandle" | "targetHandle">,
  sourceType: string | undefined,
  targetType: string | undefined,
): string | undefined {
  if (edge.source === edge.target) return "a node cannot connect to itself";
  if (sourceType === undefined) return `source node "${edge.source}" does not exist`;
  if (targetType === undefined) return `target node "${edge.target}" does not exist`;
  const out = outputHandle(sourceType, edge.sourceHandle);
  if (!out) return `node type "${sourceType}" has no output handle "${edge.sourceHandle ?? "(default)"}"`;
  const inp = inputHandle(targetType, edge.targetHandle);
  if (!inp) return `node type "${targetType}" has no input handle "${edge.targetHandle ?? "(default)"}"`;
  if (!kindsFit(out.kind, inp.kind)) return `a ${out.kind} output cannot feed a ${inp.kind} input`;
  return undefined;
}

export type ExistingGraph = {
  /** node id → type, as stored before the diff */
  nodes: ReadonlyMap<string, string>;
  /** edge ids as stored before the diff */
  edgeIds: ReadonlySet<string>;
  /** endpoints of every stored edge, to find duplicates that survive the diff */
  edges?: ReadonlyArray<Pick<WireEdge, "id" | "source" | "target" | "sourceHandle" | "targetHandle">>;
};

/**
 * Validates a (schema-checked) diff against what is stored: unique ids, no id both upserted and
 * deleted, data sizes, every edge's endpoints present after the diff with handles their node
 * types know, no duplicate connections, and the per-workflow caps. Empty result = valid.
 */
export function validateDiff(diff: GraphDiff, existing: ExistingGraph): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const add = (path: string, message: string) => {
    if (issues.length < 50) issues.push({ path, message });
  };

  let payload = 0;
  const tooBig = () => payload > GRAPH_LIMITS.maxPayloadBytes;

  const deletedNodes = new Set<string>();
  diff.deleteNodes.forEach((id, i) => {
    if (deletedNodes.has(id)) add(`deleteNodes[${i}]`, `node id "${id}" is listed twice`);
    deletedNodes.add(id);
  });
  const deletedEdges = new Set<string>();
  diff.deleteEdges.forEach((id, i) => {
    if (deletedEdges.has(id)) add(`deleteEdges[${i}]`, `edge id "${id}" is listed twice`);
    deletedEdges.add(id);
  });

  const upserted = new Map<string, string>();
  diff.upsertNodes.forEach((node, i) => {
    const where = `upsertNodes[${i}] (id "${node.id}")`;
    if (upserted.has(node.id)) add(where, "duplicate node id");
    if (deletedNodes.has(node.id)) add(where, "the same node is both upserted and deleted");
    upserted.set(node.id, node.type);
    const bytes = byteLength(node.data, GRAPH_LIMITS.maxNodeDataBytes);
    payload += bytes;
    if (bytes > GRAPH_LIMITS.maxNodeDataBytes) {
      add(
        where,
        `data is ${formatBytes(bytes)}, over the ${formatBytes(GRAPH_LIMITS.maxNodeDataBytes)} limit`,
      );
    }
  });

  const nodesAfter = new Map<string, string>();
  for (const [id, type] of existing.nodes) if (!deletedNodes.has(id)) nodesAfter.set(id, type);
  for (const [id, type] of upserted) nodesAfter.set(id, type);
  if (nodesAfter.size > GRAPH_LIMITS.maxNodes) {
    add(
      "upsertNodes",
      `the workflow would hold ${nodesAfter.size} nodes, over the ${GRAPH_LIMITS.maxNodes} limit`,
    );
  }

  const upsertedEdges = new Set<string>();
  const connections = new Map<string, string>();
  const connectionKey = (e: Pick<WireEdge, "source" | "target" | "sourceHandle" | "targetHandle">) =>
    `${e.source}\u0000${e.sourceHandle ?? ""}\u0000${e.target}\u0000${e.targetHandle ?? ""}`;

  diff.upsertEdges.forEach((edge, i) => {
    const where = `upsertEdges[${i}] (id "${edge.id}")`;
    if (upsertedEdges.has(edge.id)) add(where, "duplicate edge id");
    if (deletedEdges.has(edge.id)) add(where, "the same edge is both upserted and deleted");
    upsertedEdges.add(edge.id);
    const problem = connectionProblem(edge, nodesAfter.get(edge.source), nodesAfter.get(edge.target));
    if (problem) add(where, problem);
    const key = connectionKey(edge);
    const other = connections.get(key);
    if (other !== undefined) add(where, `connects the same handles as edge "${other}"`);
    connections.set(key, edge.id);
    const bytes = byteLength(edge.data, GRAPH_LIMITS.maxEdgeDataBytes);
    payload += bytes;
    if (bytes > GRAPH_LIMITS.maxEdgeDataBytes) {
      add(
        where,
        `data is ${formatBytes(bytes)}, over the ${formatBytes(GRAPH_LIMITS.maxEdgeDataBytes)} limit`,
      );
    }
  });

  for (const edge of existing.edges ?? []) {
    if (upsertedEdges.has(edge.id) || deletedEdges.has(edge.id)) continue;
    if (deletedNodes.has(edge.source) || deletedNodes.has(edge.target)) continue; // goes with its node
    const other = connections.get(connectionKey(edge));
    if (other !== undefined)
      add(`upsertEdges (id "${other}")`, `connects the same handles as stored edge "${edge.id}"`);
  }

  if (tooBig()) {
    add(
      "diff",
      `node and edge data add up to ${formatBytes(payload)}, over the ${formatBytes(GRAPH_LIMITS.maxPayloadBytes)} limit`,
    );
  }

  let edgesAfter = upsertedEdges.size;
  for (const id of existing.edgeIds) if (!upsertedEdges.has(id) && !deletedEdges.has(id)) edgesAfter += 1;
  if (edgesAfter > GRAPH_LIMITS.maxEdges) {
    add(
      "upsertEdges",
      `the workflow would hold ${edgesAfter} edges, over the ${GRAPH_LIMITS.maxEdges} limit`,
    );
  }
  return issues;
}

/** Validates a whole graph (an import or a snapshot) as a diff onto an empty workflow. */
export function validateGraph(graph: WireGraph): GraphIssue[] {
  return validateDiff(
    { upsertNodes: graph.nodes, deleteNodes: [], upsertEdges: graph.edges, deleteEdges: [] },
    { nodes: new Map(), edgeIds: new Set() },
  ).map((issue) => ({
    path: issue.path.replace(/^upsertNodes/, "nodes").replace(/^upsertEdges/, "edges"),
    message: issue.message,
  }));
}

export function describeIssues(issues: readonly GraphIssue[]): string {
  const shown = issues.slice(0, 10).map((i) => `${i.path}: ${i.message}`);
  if (issues.length > shown.length) shown.push(`…and ${issues.length - shown.length} more`);
  return shown.join("\n");
}
