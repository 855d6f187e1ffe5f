import type { OnError } from "@/lib/graph/nodes/step-settings";
import type { WireEdge } from "@/lib/graph/schemas";
import { RUN_LIMITS } from "@/lib/runs/status";
import { nodeName, type RunPlan } from "./plan";

/** How a node ended, as the rest of the run sees it. */
export type NodeOutcome =
  | { kind: "succeeded"; output: unknown; handles: string[] }
  | { kind: "failed"; error: string }
  | { kind: "skipped" }
  | { kind: "cancelled"; error: string };

export type RunOutcome =
  | { status: "succeeded"; output: Record<string, unknown> }
  | { status: "failed"; error: string }
  | { status: "cancelled"; error: string };

export type OrchestrateOptions = {
  plan: RunPlan;
  /** Outcomes known before this call (checkpoints of a resumed run, reused steps of a retry). */
  known?: Map<string, NodeOutcome>;
  /** Runs a node to its end (retries included); engines make it durable their own way. */
  runNode: (nodeId: string, outputs: Record<string, unknown>, arrived: string[]) => Promise<NodeOutcome>;
  skipNode: (nodeId: string) => Promise<void>;
  maxParallel?: number;
  isCancelled?: () => boolean;
};

/**
 * Runs the plan in dependency order. A node starts once every node before it has ended; it runs
 * when at least one edge into it comes from an output that carried on (a condition's branch, a
 * tool's result or its error output), and is skipped otherwise. Independent branches run at the
 * same time, at most `maxParallel` nodes at once. A failed node does what its `onError` says: by
 * default, with nothing wired to its error output, it fails the run (nothing new starts, what is
 * in flight finishes); otherwise its error output carries on, or (`continue`) its ordinary one.
 */
export async function orchestrate(options: OrchestrateOptions): Promise<RunOutcome> {
  const { plan } = options;
  const maxParallel = options.maxParallel ?? RUN_LIMITS.maxParallelSteps;
  const outcomes = new Map<string, NodeOutcome>(options.known ?? []);
  const running = new Map<string, Promise<void>>();
  let failure: string | null = null;
  let cancelled: string | null = null;

  const outputs = () => {
    const done: Record<string, unknown> = {};
    for (const [id, outcome] of outcomes) {
      if (outcome.kind === "succeeded") done[id] = outcome.output;
      else if (outcome.kind === "failed") done[id] = { error: outcome.error };
    }
    return done;
  };
  const arrived = (id: string) => {
    const carried = (plan.incoming.get(id) ?? []).filter((edge) =>
      carries(plan, edge, outcomes.get(edge.source)),
    );
    // In the order the sources ended (the map keeps the order outcomes were set in).
    return [...outcomes.keys()].filter((source) => carried.some((edge) => edge.source === source));
  };
  const settled = (id: string) =>
    (plan.incoming.get(id) ?? []).every((edge) => outcomes.has(edge.source)) ||
    (takesFirst(plan, id) && arrived(id).length > 0);
  const active = (id: string) =>
    id === plan.triggerId ||
    (plan.incoming.get(id) ?? []).some((edge) => carries(plan, edge, outcomes.get(edge.source)));
  const handleFailure = (id: string, outcome: NodeOutcome) => {
    if (outcome.kind === "cancelled") cancelled ??= outcome.error;
    if (outcome.kind === "failed" && onErrorOf(plan, id) === "stop") {
      failure ??= `${nodeName(plan.nodes.get(id) as never)} failed: ${outcome.error}`;
    }
  };
  for (const [id, outcome] of outcomes) handleFailure(id, outcome);

  for (;;) {
    if (options.isCancelled?.()) cancelled ??= "Cancelled.";
    if (failure === null && cancelled === null) {
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const id of plan.order) {
          if (outcomes.has(id) || running.has(id) || !settled(id)) continue;
          if (!active(id)) {
            await options.skipNode(id);
            outcomes.set(id, { kind: "skipped" });
            progressed = true;
            continue;
          }
          if (running.size >= maxParallel) break;
          const snapshot = outputs();
          running.set(
            id,
            options
              .runNode(id, snapshot, arrived(id))
              .then(
                (outcome) => {
                  outcomes.set(id, outcome);
                  handleFailure(id, outcome);
                },
                (error: unknown) => {
                  const outcome: NodeOutcome = {
                    kind: "failed",
                    error: error instanceof Error ? error.message : String(error),
                  };
                  outcomes.set(id, outcome);
                  failure ??= `${nodeName(plan.nodes.get(id) as never)} failed: ${outcome.error}`;
                },
              )
              .finally(() => running.delete(id)),
          );
        }
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }

  if (cancelled !== null) return { status: "cancelled", error: cancelled };
  if (failure !== null) return { status: "failed", error: failure };
  const output: Record<string, unknown> = {};
  for (const id of plan.order) {
    const outcome = outcomes.get(id);
    const leaf = ![...plan.incoming.values()].some((edges) =>
      edges.some((edge) => edge.source === id && carries(plan, edge, outcome)),
    );
    if (outcome?.kind === "succeeded" && leaf) output[id] = outcome.output;
  }
  return { status: "succeeded", output };
}

function carries(plan: RunPlan, edge: WireEdge, outcome: NodeOutcome | undefined): boolean {
  if (!outcome) return false;
  if (outcome.kind === "succeeded")
    return outcome.handles.includes(edge.sourceHandle ?? outcome.handles[0] ?? "out");
  if (outcome.kind === "failed")
    return onErrorOf(plan, edge.source) === "continue"
      ? edge.sourceHandle !== "error"
      : edge.sourceHandle === "error";
  return false;
}

/** A merge in `first` mode starts as soon as one incoming branch carries, not when all have ended. */
function takesFirst(plan: RunPlan, id: string): boolean {
  const node = plan.nodes.get(id);
  return node?.type === "merge" && node.data.mode === "first";
}

/** What a failure of the node does to the run (see ON_ERROR_MODES); set on the node, or implied by its error edge. */
function onErrorOf(plan: RunPlan, id: string): OnError {
  const data = plan.nodes.get(id)?.data;
  const chosen = data && "onError" in data ? data.onError : undefined;
  return chosen ?? (hasErrorEdge(plan, id) ? "error-output" : "stop");
}

function hasErrorEdge(plan: RunPlan, id: string): boolean {
  for (const edges of plan.incoming.values())
    if (edges.some((edge) => edge.source === id && edge.sourceHandle === "error")) return true;
  return false;
}
