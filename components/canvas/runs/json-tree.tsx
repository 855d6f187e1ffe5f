"use client";
import { useState } from "react";
import { isCutValue } from "@/lib/runs/status";
import styles from "./runs.module.css";

/** A JSON value as a collapsible tree, with a copy button; a value the log cut says so. */
export function JsonView({ label, value }: { label: string; value: unknown }) {
  const [copied, setCopied] = useState(false);
  const text = isCutValue(value) ? value.text : JSON.stringify(value, null, 2);
  return (
    <div className={styles.json}>
      <div className={styles.jsonHead}>
        <span>{label}</span>
        <button
          type="button"
          className={styles.copy}
          onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true))}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      {isCutValue(value) ? (
        <>
          <p className={styles.cut} data-testid="cut-notice">
            Cut: {formatBytes(value.$cut.originalBytes)} in all, the first {formatBytes(value.$cut.keptBytes)}{" "}
            kept.
          </p>
          <pre className={styles.pre}>{value.text}</pre>
        </>
      ) : (
        <JsonNode value={value} depth={0} />
      )}
    </div>
  );
}

function JsonNode({ name, value, depth }: { name?: string; value: unknown; depth: number }) {
  const key = name !== undefined ? <span className={styles.key}>{name}: </span> : null;
  if (value === null || typeof value !== "object") {
    return (
      <div className={styles.leaf}>
        {key}
        <span className={typeof value === "string" ? styles.string : styles.scalar}>
          {JSON.stringify(value)}
        </span>
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <details className={styles.branch} open={depth < 2}>
      <summary>
        {key}
        <span className={styles.scalar}>{summary}</span>
      </summary>
      {entries.map(([k, v]) => (
        <JsonNode key={k} name={k} value={v} depth={depth + 1} />
      ))}
    </details>
  );
}

function formatBytes(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
