"use client";
import { useState } from "react";
import { isCutValue } from "@/lib/runs/status";
import styles from "./runs.module.css";

/** Where a field sits in a JSON value: object keys and array positions from the top. */
export type JsonPath = (string | number)[];

/**
 * A JSON value as a collapsible tree, with a copy button; a value the log cut says so. With
 * `onPick`, each field's name is a button that gives the field's path.
 */
export function JsonView({
  label,
  value,
  onPick,
}: {
  label: string;
  value: unknown;
  onPick?: (path: JsonPath) => void;
}) {
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
        <JsonNode value={value} depth={0} path={[]} onPick={onPick} />
      )}
    </div>
  );
}

function JsonNode({
  name,
  value,
  depth,
  path,
  onPick,
}: {
  name?: string;
  value: unknown;
  depth: number;
  path: JsonPath;
  onPick?: (path: JsonPath) => void;
}) {
  const key =
    name === undefined ? null : onPick ? (
      <>
        <button
          type="button"
          className={styles.pickKey}
          title="Insert a reference to this field"
          onClick={(event) => {
            // Inside a <summary>, the click would also fold the branch.
            event.preventDefault();
            onPick(path);
          }}
        >
          {name}
        </button>
        :{" "}
      </>
    ) : (
      <span className={styles.key}>{name}: </span>
    );
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
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v, i] as const)
    : Object.entries(value).map(([k, v]) => [k, v, k] as const);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  // A tree to pick fields from opens deeper: the fields people map sit a few levels down.
  return (
    <details className={styles.branch} open={depth < (onPick ? 4 : 2)}>
      <summary>
        {key}
        <span className={styles.scalar}>{summary}</span>
      </summary>
      {entries.map(([k, v, step]) => (
        <JsonNode key={k} name={k} value={v} depth={depth + 1} path={[...path, step]} onPick={onPick} />
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
