import type { ReactNode } from "react";
import styles from "./alert.module.css";

type Tone = "error" | "success" | "info";

// Drawn, not typed, so the alert's text is only its message.
const ICON_PATHS: Record<Tone, string> = {
  error: "M9 4.5v5.5 M9 12.6v.9",
  success: "M5.2 9.3 7.8 11.8 12.8 6.4",
  info: "M9 8v5.5 M9 4.6v.9",
};

/** A message box; errors are announced at once (role=alert), the rest politely. */
export function Alert({
  tone = "info",
  title,
  children,
}: {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
}) {
  return (
    <div className={`${styles.alert} ${styles[tone]}`} role={tone === "error" ? "alert" : "status"}>
      <svg className={styles.icon} viewBox="0 0 18 18" aria-hidden>
        <circle cx="9" cy="9" r="9" />
        <path d={ICON_PATHS[tone]} />
      </svg>
      <div className={styles.body}>
        {title ? <p className={styles.title}>{title}</p> : null}
        {children ? <div className={styles.text}>{children}</div> : null}
      </div>
    </div>
  );
}
