import type { ReactNode } from "react";
import styles from "./alert.module.css";

type Tone = "error" | "success" | "info";

/** A message box; errors are announced at once (role=alert), the rest politely. */
export function Alert({ tone = "info", title, children }: { tone?: Tone; title?: string; children?: ReactNode }) {
  return (
    <div className={`${styles.alert} ${styles[tone]}`} role={tone === "error" ? "alert" : "status"}>
      <span className={styles.icon} aria-hidden>
        {tone === "error" ? "!" : tone === "success" ? "✓" : "i"}
      </span>
      <div className={styles.body}>
        {title ? <p className={styles.title}>{title}</p> : null}
        {children ? <div className={styles.text}>{children}</div> : null}
      </div>
    </div>
  );
}
