import runStyles from "@/components/canvas/runs/runs.module.css";
import type { RunStatus } from "@/lib/runs/status";

/** A run's status as a small coloured label (the same as the editor's Runs panel). */
export function RunStatusChip({ status }: { status: RunStatus }) {
  return (
    <span className={`${runStyles.dot} ${runStyles[status]}`} data-status={status}>
      {status}
    </span>
  );
}
