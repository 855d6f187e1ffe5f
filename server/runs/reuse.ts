import type { WireNode } from "@/lib/graph/nodes";
import { ancestorsOf, type RunPlan } from "./plan";
import type { LogEntry, StoredRun } from "./store";

/**
 * The steps a retry takes over from the failed run: those that ended (succeeded or skipped)
 * there, are configured the same now, and whose every input is taken over too. The rest run again.
 */
export function reusableSteps(plan: RunPlan, source: StoredRun): Omit<LogEntry, "executionId">[] {
  const before = new Map(source.graph.nodes.map((node) => [node.id, node]));
  const edgesBefore = new Set(source.graph.edges.map(edgeKey));
  const endings = new Map<string, StoredRun["logs"][number]>();
  for (const log of source.logs)
    if (log.event === "succeeded" || log.event === "skipped") endings.set(log.nodeId, log);
  const reused = new Set<string>();
  const out: Omit<LogEntry, "executionId">[] = [];
  for (const id of plan.order) {
    const node = plan.nodes.get(id) as WireNode;
    const ending = endings.get(id);
    const previous = before.get(id);
    if (!ending || !previous || !sameConfig(previous, node)) continue;
    if (!(plan.incoming.get(id) ?? []).every((edge) => edgesBefore.has(edgeKey(edge)))) continue;
    if (![...ancestorsOf(plan, id)].every((ancestor) => reused.has(ancestor))) continue;
    reused.add(id);
    out.push({
      workflowId: source.workflowId,
      nodeId: id,
      stepName: ending.stepName,
      event: ending.event,
      attempt: ending.attempt,
      durationMs: ending.durationMs,
      payload: { ...ending.payload, reused: true },
    });
  }
  return out;
}

function sameConfig(a: WireNode, b: WireNode): boolean {
  return a.type === b.type && JSON.stringify(a.data) === JSON.stringify(b.data);
}

function edgeKey(edge: { source: string; target: string; sourceHandle: string | null }): string {
  return `${edge.source}\u0000${edge.sourceHandle ?? ""}\u0000${edge.target}`;
}
