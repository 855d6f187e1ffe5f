import type { AdminStats } from "@/lib/trpc/types";
import styles from "./admin-stats.module.css";

const LABELS: Record<keyof AdminStats, string> = {
  users: "Users",
  workflows: "Workflows",
  executions: "Runs",
  registryEntries: "MCP registry entries",
};

/** Instance-wide counts, shown to administrators only. */
export function AdminStatsCard({ stats }: { stats: AdminStats }) {
  return (
    <section className={styles.card} aria-labelledby="admin-heading">
      <div className={styles.heading}>
        <h2 id="admin-heading" className={styles.title}>
          Instance
        </h2>
        <span className={styles.badge}>Admin</span>
      </div>
      <dl className={styles.grid}>
        {(Object.keys(LABELS) as (keyof AdminStats)[]).map((key) => (
          <div key={key} className={styles.stat}>
            <dt className={styles.label}>{LABELS[key]}</dt>
            <dd className={styles.value}>{stats[key].toLocaleString("en")}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
