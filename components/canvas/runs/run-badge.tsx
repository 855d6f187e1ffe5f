"use client";
import { useRunView } from "./run-view-context";
import styles from "./runs.module.css";

const LABEL = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
  skipped: "Skipped",
};

/** A node's status in the run on screen, with its duration once it ended. */
export function RunBadge({ nodeId }: { nodeId: string }) {
  const step = useRunView((state) => state.nodes[nodeId]);
  if (!step) return null;
  const duration =
    step.durationMs != null && step.status !== "running" ? ` · ${formatDuration(step.durationMs)}` : "";
  const attempt = step.attempt > 1 ? ` · try ${step.attempt}` : "";
  return (
    <span
      className={`${styles.badge} ${styles[step.status]}`}
      data-testid="run-status"
      data-status={step.status}
    >
      {LABEL[step.status]}
      {duration}
      {attempt}
    </span>
  );
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
