import type { NodeOutcome } from "./orchestrate";
import type { StoredLog } from "./store";

/**
 * What a run's log says is already done: each node's last ending (succeeded, skipped, failed,
 * cancelled), and the attempts each node has used. A node logged `started` without an ending was
 * in flight when its server stopped; it runs again with its next attempt.
 */
export function checkpointsFrom(logs: StoredLog[]): {
  known: Map<string, NodeOutcome>;
  attempts: Map<string, number>;
} {
  const known = new Map<string, NodeOutcome>();
  const attempts = new Map<string, number>();
  for (const log of logs) {
    attempts.set(log.nodeId, Math.max(attempts.get(log.nodeId) ?? 0, log.attempt));
    if (log.event === "succeeded") {
      known.set(log.nodeId, {
        kind: "succeeded",
        output: log.payload?.output ?? null,
        handles: log.payload?.handles ?? ["out"],
      });
    } else if (log.event === "skipped") known.set(log.nodeId, { kind: "skipped" });
    else if (log.event === "failed") known.set(log.nodeId, { kind: "failed", error: log.error ?? "failed" });
    else if (log.event === "cancelled")
      known.set(log.nodeId, { kind: "cancelled", error: log.error ?? "cancelled" });
  }
  return { known, attempts };
}
