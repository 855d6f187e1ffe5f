import type { EditOutcome, TurnChanges } from "@/lib/assistant/messages";
import { applyGraphDiff } from "@/lib/graph/diff";
import type { GraphDiff, WireEdge, WireGraph, WireNode } from "@/lib/graph/schemas";
import { describeIssues, validateDiff } from "@/lib/graph/validate";
import { loadGraph, saveGraphDiff } from "@/server/graph";
import type { RlsDb, RlsTransaction } from "@/server/platform/db/with-rls";
import { isAppError } from "@/server/platform/errors/app-error";

/** Builds one edit from the graph as stored: a diff and a sentence for the panel, or why not. */
export type EditBuilder = (graph: WireGraph) => { diff: GraphDiff; summary: string } | { error: string };

type Item = WireNode | WireEdge;

function existingOf(graph: WireGraph) {
  return {
    nodes: new Map(graph.nodes.map((n) => [n.id, n.type])),
    edgeIds: new Set(graph.edges.map((e) => e.id)),
    edges: graph.edges,
  };
}

/**
 * The edits of one assistant turn. Each edit reads the graph, checks its diff with `validateDiff`
 * and saves it with `saveGraphDiff` in one transaction under the user's RLS (so it reaches every
 * open canvas), or, when the user asked to see changes first, applies it to a draft only. It
 * remembers each touched item's value before the turn, so the turn is one diff and one inverse.
 */
export function createTurnEdits(options: {
  db: RlsDb;
  userId: string;
  workflowId: string;
  proposeFirst: boolean;
}) {
  const { db, userId, workflowId, proposeFirst } = options;
  const prior = new Map<string, Item | null>();
  let latest: WireGraph | null = null;
  let draft: WireGraph | null = null;

  const touch = (key: string, value: Item | undefined) => {
    if (!prior.has(key)) prior.set(key, value ?? null);
  };
  const remember = (graph: WireGraph, diff: GraphDiff) => {
    const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
    const edges = new Map(graph.edges.map((e) => [e.id, e]));
    const gone = new Set(diff.deleteNodes);
    for (const id of diff.deleteNodes) touch(`node:${id}`, nodes.get(id));
    for (const node of diff.upsertNodes) touch(`node:${node.id}`, nodes.get(node.id));
    for (const edge of graph.edges)
      if (gone.has(edge.source) || gone.has(edge.target)) touch(`edge:${edge.id}`, edge);
    for (const id of diff.deleteEdges) touch(`edge:${id}`, edges.get(id));
    for (const edge of diff.upsertEdges) touch(`edge:${edge.id}`, edges.get(edge.id));
    latest = applyGraphDiff(graph, diff);
  };

  const stored = async (tx: RlsTransaction): Promise<WireGraph> => {
    const loaded = await loadGraph(tx, userId, workflowId);
    return { nodes: loaded.nodes, edges: loaded.edges };
  };

  return {
    /** The graph as this turn sees it: the draft when proposing, else what is stored. */
    async graph(): Promise<WireGraph> {
      if (proposeFirst) {
        draft ??= await db(stored);
        return draft;
      }
      return db(stored);
    },

    async apply(build: EditBuilder): Promise<EditOutcome> {
      try {
        if (proposeFirst) {
          draft ??= await db(stored);
          const edit = build(draft);
          if ("error" in edit) return { ok: false, error: edit.error };
          const issues = validateDiff(edit.diff, existingOf(draft));
          if (issues.length > 0)
            return { ok: false, error: `Nothing was changed:\n${describeIssues(issues)}` };
          remember(draft, edit.diff);
          draft = latest;
          return { ok: true, summary: edit.summary, diff: edit.diff, proposed: true };
        }
        return await db(async (tx) => {
          const graph = await stored(tx);
          const edit = build(graph);
          if ("error" in edit) return { ok: false, error: edit.error } as const;
          const issues = validateDiff(edit.diff, existingOf(graph));
          if (issues.length > 0)
            return { ok: false, error: `Nothing was changed:\n${describeIssues(issues)}` } as const;
          await saveGraphDiff(tx, userId, workflowId, edit.diff);
          remember(graph, edit.diff);
          return { ok: true, summary: edit.summary, diff: edit.diff, proposed: false } as const;
        });
      } catch (error) {
        // A refusal (the workflow is gone, a concurrent change made the edit invalid) goes back to
        // the model as the tool's result; the transaction rolled back, so nothing is half-applied.
        if (isAppError(error)) return { ok: false, error: `Nothing was changed: ${error.message}` };
        throw error;
      }
    },

    /** The turn as one diff and its inverse; null when it changed nothing. */
    changes(): TurnChanges | null {
      if (!latest || prior.size === 0) return null;
      const now = latest as WireGraph;
      const nodesNow = new Map(now.nodes.map((n) => [n.id, n]));
      const edgesNow = new Map(now.edges.map((e) => [e.id, e]));
      const forward: GraphDiff = { upsertNodes: [], deleteNodes: [], upsertEdges: [], deleteEdges: [] };
      const inverse: GraphDiff = { upsertNodes: [], deleteNodes: [], upsertEdges: [], deleteEdges: [] };
      for (const [key, before] of prior) {
        const [kind, ...rest] = key.split(":");
        const id = rest.join(":");
        const after = kind === "node" ? nodesNow.get(id) : edgesNow.get(id);
        if (!before && !after) continue;
        if (kind === "node") {
          if (after) forward.upsertNodes.push(after as WireNode);
          else forward.deleteNodes.push(id);
          if (before) inverse.upsertNodes.push(before as WireNode);
          else inverse.deleteNodes.push(id);
        } else {
          if (after) forward.upsertEdges.push(after as WireEdge);
          else forward.deleteEdges.push(id);
          if (before) inverse.upsertEdges.push(before as WireEdge);
          else inverse.deleteEdges.push(id);
        }
      }
      // An edge that goes with its deleted node is not deleted twice.
      const gone = new Set(forward.deleteNodes);
      forward.deleteEdges = forward.deleteEdges.filter((id) => {
        const before = prior.get(`edge:${id}`) as WireEdge | null;
        return !before || (!gone.has(before.source) && !gone.has(before.target));
      });
      const removed = new Set(inverse.deleteNodes);
      inverse.deleteEdges = inverse.deleteEdges.filter((id) => {
        const after = edgesNow.get(id);
        return !after || (!removed.has(after.source) && !removed.has(after.target));
      });
      return { forward, inverse, proposed: proposeFirst };
    },
  };
}

export type TurnEdits = ReturnType<typeof createTurnEdits>;
