"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatDuration } from "@/components/canvas/runs/run-badge";
import pageStyles from "@/components/workflows/workflow-list.module.css";
import { RUN_STATUSES, type RunStatus, TRIGGER_KINDS, type TriggerKind } from "@/lib/runs/status";
import { useTRPC } from "@/lib/trpc/client";
import { RunStatusChip } from "./run-status";
import styles from "./runs.module.css";

/** How often the page looks for new runs and status changes while it is visible. */
const REFRESH_MS = 2_000;
const TRIGGER_LABEL: Record<TriggerKind, string> = {
  manual: "Manual",
  webhook: "Webhook",
  schedule: "Schedule",
};
const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** Every workflow's runs, newest first: status, trigger, start and duration, filtered by status, trigger and workflow. */
export function RunsList() {
  const trpc = useTRPC();
  const [status, setStatus] = useState<RunStatus | "">("");
  const [trigger, setTrigger] = useState<TriggerKind | "">("");
  const [workflowId, setWorkflowId] = useState("");
  const workflows = useQuery(trpc.workflows.list.queryOptions({ search: "", sort: "name" }));
  const runs = useQuery({
    ...trpc.runs.listAll.queryOptions({
      ...(status ? { status } : {}),
      ...(trigger ? { trigger } : {}),
      ...(workflowId ? { workflowId } : {}),
    }),
    refetchInterval: REFRESH_MS,
  });

  return (
    <div className={pageStyles.page}>
      <h1 className={pageStyles.title}>Runs</h1>
      <div className={`${pageStyles.controls} ${styles.filters}`}>
        <FilterSelect
          label="Status"
          value={status}
          onChange={setStatus}
          options={[["", "Any status"], ...RUN_STATUSES.map((s) => [s, s] as const)]}
        />
        <FilterSelect
          label="Trigger"
          value={trigger}
          onChange={setTrigger}
          options={[
            ["", "Any trigger"],
            ...TRIGGER_KINDS.map((kind) => [kind, TRIGGER_LABEL[kind]] as const),
          ]}
        />
        <label>
          Workflow
          <select value={workflowId} onChange={(e) => setWorkflowId(e.target.value)}>
            <option value="">Every workflow</option>
            {workflows.data?.map((wf) => (
              <option key={wf.id} value={wf.id}>
                {wf.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {runs.error && (
        <p className={styles.error} role="alert">
          {runs.error.message}
        </p>
      )}
      {runs.isPending && <p className={styles.muted}>Loading…</p>}
      {runs.data?.length === 0 && (
        <p className={styles.muted}>
          {status || trigger || workflowId ? "No run matches these filters." : "No runs yet."}
        </p>
      )}
      {runs.data && runs.data.length > 0 && (
        <table className={styles.table} aria-label="Runs">
          <thead>
            <tr>
              <th scope="col">Workflow</th>
              <th scope="col">Status</th>
              <th scope="col">Trigger</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.map((run) => (
              <tr key={run.id} data-testid="run-row" data-run-id={run.id}>
                <td>
                  <Link href={`/workflows/${run.workflowId}`}>{run.workflowName}</Link>
                </td>
                <td>
                  <RunStatusChip status={run.status} />
                </td>
                <td>{TRIGGER_LABEL[run.trigger.kind]}</td>
                <td>
                  <time dateTime={new Date(run.startedAt).toISOString()}>
                    {formatter.format(new Date(run.startedAt))}
                  </time>
                </td>
                <td>{run.durationMs != null ? formatDuration(run.durationMs) : "…"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {runs.data?.length === 100 && <p className={styles.muted}>The newest 100 runs are shown.</p>}
    </div>
  );
}

function FilterSelect<T extends string>({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: T | "";
  onChange: (value: T | "") => void;
  options: ReadonlyArray<readonly [T | "", string]>;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as T | "")}>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
