import { type EdgeRow, edgeFromRow, type NodeRow, nodeFromRow } from "@/lib/graph/rows";
import type { GraphDiff, Viewport, WireEdge, WireGraph, WireNode } from "@/lib/graph/schemas";
import { DEFAULT_VIEWPORT } from "@/lib/graph/schemas";
import { describeIssues, validateDiff } from "@/lib/graph/validate";
import type { RlsTransaction } from "@/server/platform/db/with-rls";
import { AppError } from "@/server/platform/errors/app-error";
import { deleteEdges, deleteNodes, insertEdges, insertNodes, updateEdges, updateNodes } from "./writes";

export type LoadedGraph = {
  workflow: { id: string; name: string; description: string | null; updatedAt: Date; viewport: Viewport };
  nodes: WireNode[];
  edges: WireEdge[];
};

/**
 * The workflow with its nodes and edges in React Flow's shape: three plain selects (cheaper
 * than having Postgres build the JSON), mapped once here.
 */
export async function loadGraph(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
): Promise<LoadedGraph> {
  const workflows = await tx.$queryRaw<
    { id: string; name: string; description: string | null; updated_at: Date; viewport: Viewport | null }[]
  >`
    select id, name, description, updated_at, state -> 'viewport' as viewport
    from public.workflows where id = ${workflowId}::uuid and user_id = ${userId}::uuid`;
  const workflow = workflows[0];
  if (!workflow) throw new AppError("workflow.not_found", "This workflow does not exist or is not yours.");
  const nodeRows = await tx.$queryRaw<NodeRow[]>`
    select id, type, data, position_x, position_y, width, height
    from public.nodes where workflow_id = ${workflowId}::uuid order by id`;
  const edgeRows = await tx.$queryRaw<EdgeRow[]>`
    select id, source, target, source_handle, target_handle, data
    from public.edges where workflow_id = ${workflowId}::uuid order by id`;
  const nodes = nodeRows.map(nodeFromRow);
  const edges = edgeRows.map(edgeFromRow);
  return {
    workflow: {
      id: workflow.id,
      name: workflow.name,
      description: workflow.description,
      updatedAt: workflow.updated_at,
      viewport: workflow.viewport ?? DEFAULT_VIEWPORT,
    },
    nodes,
    edges,
  };
}

type StoredShape = {
  nodes: [string, string][];
  edges: [string, string, string, string | null, string | null][];
};

/** Ids still stored once the diff's deletions (and the edges they take along) are done. */
function survivingIds(stored: StoredShape, diff: GraphDiff) {
  const deletedNodes = new Set(diff.deleteNodes);
  const deletedEdges = new Set(diff.deleteEdges);
  return {
    storedNodes: new Set(stored.nodes.map(([id]) => id).filter((id) => !deletedNodes.has(id))),
    storedEdges: new Set(
      stored.edges
        .filter(
          ([id, source, target]) =>
            !deletedEdges.has(id) && !deletedNodes.has(source) && !deletedNodes.has(target),
        )
        .map(([id]) => id),
    ),
  };
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

export type SaveResult = { updatedAt: Date; nodeCount: number; edgeCount: number };

/**
 * Applies a diff in the caller's transaction with a fixed number of set-based statements,
 * whatever the graph size: touch (and so lock) the workflow + read ids, delete edges, delete
 * nodes, update and insert nodes, update and insert edges. It validates against what is stored
 * first; an invalid diff throws InvalidInputError before anything is written.
 */
export async function saveGraphDiff(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
  diff: GraphDiff,
): Promise<SaveResult> {
  // Touching the workflow row first locks it for the rest of the transaction (as `for update`
  // would) and reads the stored shape in the same statement; `now()` is the transaction's start
  // either way, and an invalid diff rolls the touch back with everything else.
  const viewport = diff.viewport ? JSON.stringify(diff.viewport) : null;
  const rows = await tx.$queryRaw<{ shape: string; updated_at: Date }[]>`
    update public.workflows w
    set state = case when ${viewport}::jsonb is null then w.state
                     else jsonb_set(w.state, '{viewport}', ${viewport}::jsonb) end,
        updated_at = now()
    where w.id = ${workflowId}::uuid and w.user_id = ${userId}::uuid
    returning w.updated_at, public.graph_shape(w.id)::text as shape`;
  const row = rows[0];
  if (!row) throw new AppError("workflow.not_found", "This workflow does not exist or is not yours.");
  const stored = JSON.parse(row.shape) as StoredShape;
  const issues = validateDiff(diff, {
    nodes: new Map(stored.nodes),
    edgeIds: new Set(stored.edges.map((e) => e[0])),
    edges: stored.edges.map(([id, source, target, sourceHandle, targetHandle]) => ({
      id,
      source,
      target,
      sourceHandle,
      targetHandle,
    })),
  });
  if (issues.length > 0)
    throw new AppError("graph.invalid_diff", `The graph was not saved:\n${describeIssues(issues)}`);

  const { storedNodes, storedEdges } = survivingIds(stored, diff);
  await deleteEdges(tx, workflowId, diff.deleteEdges);
  await deleteNodes(tx, workflowId, diff.deleteNodes);
  const [nodesToUpdate, nodesToInsert] = partition(diff.upsertNodes, (n) => storedNodes.has(n.id));
  await updateNodes(tx, workflowId, nodesToUpdate);
  await insertNodes(tx, workflowId, nodesToInsert);
  const [edgesToUpdate, edgesToInsert] = partition(diff.upsertEdges, (e) => storedEdges.has(e.id));
  await updateEdges(tx, workflowId, edgesToUpdate);
  await insertEdges(tx, workflowId, edgesToInsert);
  // Exact without counting again: the workflow row is locked, and every write above checks
  // that it touched the rows it meant to.
  return {
    updatedAt: row.updated_at,
    nodeCount: storedNodes.size + nodesToInsert.length,
    edgeCount: storedEdges.size + edgesToInsert.length,
  };
}

/** Replaces the whole graph (import into a workflow): a diff that deletes what is not kept. */
export async function replaceGraph(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
  graph: WireGraph,
): Promise<SaveResult> {
  const current = await loadGraph(tx, userId, workflowId);
  const keepNodes = new Set(graph.nodes.map((n) => n.id));
  const keepEdges = new Set(graph.edges.map((e) => e.id));
  return saveGraphDiff(tx, userId, workflowId, {
    upsertNodes: graph.nodes,
    deleteNodes: current.nodes.filter((n) => !keepNodes.has(n.id)).map((n) => n.id),
    upsertEdges: graph.edges,
    // Stored edges whose ids are reused for other endpoints are overwritten by the upsert.
    deleteEdges: current.edges.filter((e) => !keepEdges.has(e.id)).map((e) => e.id),
    ...(graph.viewport ? { viewport: graph.viewport } : {}),
  });
}
