"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import editorStyles from "@/components/canvas/editor.module.css";
import { useCanvasStore } from "@/components/canvas/store-context";
import { useTRPC } from "@/lib/trpc/client";
import { JsonView } from "./json-tree";
import { formatDuration } from "./run-badge";
import { useRunView } from "./run-view-context";
import styles from "./runs.module.css";

/** The workflow's run history, and one run's steps with their input, output and error. */
export function RunsPanel({ workflowId }: { workflowId: string }) {
  const trpc = useTRPC();
  const liveRun = useRunView((s) => `${s.runId}:${s.runStatus}:${Object.keys(s.nodes).length}`);
  const runs = useQuery({ ...trpc.runs.list.queryOptions({ workflowId }), refetchInterval: false });
  const [chosen, setChosen] = useState<string | null>(null);
  const nodes = useCanvasStore((s) => s.nodes);
  const triggerName = (id: string | null) => {
    const node = nodes.find((n) => n.id === id);
    return node && "label" in node.data && node.data.label ? node.data.label : "Trigger";
  };
  const shownId = chosen ?? runs.data?.[0]?.id ?? null;
  const run = useQuery({ ...trpc.runs.get.queryOptions({ id: shownId ?? "" }), enabled: Boolean(shownId) });
  const { refetch: refetchRuns } = runs;
  const { refetch: refetchRun } = run;
  // Follow the live run: refetch when its status or step count changes.
  useEffect(() => {
    if (!liveRun) return;
    void refetchRuns();
    if (shownId) void refetchRun();
  }, [liveRun, shownId, refetchRuns, refetchRun]);

  return (
    <aside className={`${editorStyles.inspector} ${styles.panel}`} aria-label="Runs">
      <h2 className={editorStyles.panelTitle}>Runs</h2>
      {runs.data?.length === 0 && <p className={styles.muted}>No runs yet. Press Run to start one.</p>}
      <ul className={styles.history}>
        {runs.data?.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              aria-current={r.id === shownId}
              onClick={() => setChosen(r.id)}
              className={styles.historyItem}
            >
              <span className={styles.historyLine}>
                <span className={`${styles.dot} ${styles[r.status]}`} data-status={r.status}>
                  {r.status}
                </span>
                <strong className={styles.historyTrigger} data-trigger-kind={r.trigger.kind}>
                  {triggerName(r.trigger.nodeId)}
                </strong>
                <span className={styles.muted}>
                  {r.durationMs != null ? formatDuration(r.durationMs) : "…"}
                </span>
              </span>
              <span className={styles.muted}>
                {r.sourceId
                  ? "Re-run by"
                  : r.trigger.kind === "manual"
                    ? "Started by"
                    : `Fired by its ${r.trigger.kind} for`}{" "}
                {r.startedBy ?? "you"} · {new Date(r.startedAt).toLocaleString()}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {run.data && (
        <section className={styles.steps} data-testid="run-steps">
          {run.data.error && <p className={styles.error}>{run.data.error}</p>}
          {run.data.steps
            .filter((step) => step.event !== "started")
            .map((step) => (
              <details key={step.id} className={styles.step} data-node={step.nodeId} data-event={step.event}>
                <summary>
                  <span
                    className={`${styles.dot} ${styles[step.event === "retried" ? "running" : step.event]}`}
                  >
                    {step.event}
                  </span>{" "}
                  {step.stepName}
                  {step.attempt > 1 && ` · try ${step.attempt}`}
                  {step.durationMs != null && ` · ${formatDuration(step.durationMs)}`}
                  {step.payload.reused && " · taken over from the failed run"}
                </summary>
                {step.error && <p className={styles.error}>{step.error}</p>}
                {step.payload.input !== undefined && <JsonView label="Input" value={step.payload.input} />}
                {step.payload.output !== undefined && <JsonView label="Output" value={step.payload.output} />}
              </details>
            ))}
        </section>
      )}
    </aside>
  );
}
