import type { SaveStatus } from "./autosave";
import styles from "./editor.module.css";

const LABELS: Record<SaveStatus["kind"], string> = {
  saved: "Saved",
  pending: "Unsaved changes",
  saving: "Saving…",
  offline: "Offline, retrying",
  error: "Not saved",
};

export function SaveStatusBadge({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  return (
    <span
      className={`${styles.status} ${styles[`status_${status.kind}`] ?? ""}`}
      data-testid="save-status"
      data-state={status.kind}
      role="status"
    >
      {LABELS[status.kind]}
      {status.kind === "error" && <span className={styles.statusReason}>: {status.message}</span>}
      {(status.kind === "error" || status.kind === "offline") && (
        <button type="button" className={styles.linkButton} onClick={onRetry}>
          Retry now
        </button>
      )}
    </span>
  );
}
