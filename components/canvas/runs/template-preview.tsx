"use client";
import { useEffect, useState } from "react";
import { hasTemplate, renderTemplates } from "@/lib/runs/template";
import { JsonView } from "./json-tree";
import { templateDataOf, useLastRun } from "./last-run-data";
import styles from "./runs.module.css";

/** The node's arguments with their templates filled in from the last run's input and outputs. */
export function TemplatePreview({ args }: { args: string }) {
  const templated = hasTemplate(args);
  const { runId, run } = useLastRun(templated);
  const [preview, setPreview] = useState<{ value?: unknown; error?: string } | null>(null);

  useEffect(() => {
    if (!templated || !run) return setPreview(null);
    let cancelled = false;
    Promise.resolve()
      .then(() => renderTemplates(JSON.parse(args), templateDataOf(run)))
      .then(
        (value) => !cancelled && setPreview({ value }),
        (error: unknown) => !cancelled && setPreview({ error: (error as Error).message }),
      );
    return () => {
      cancelled = true;
    };
  }, [args, templated, run]);

  if (!templated) return null;
  if (!runId) return <p className={styles.muted}>Run the workflow once to preview the templates here.</p>;
  if (!preview) return null;
  return preview.error !== undefined ? (
    <p className={styles.error} data-testid="template-preview-error">
      With the last run: {preview.error}
    </p>
  ) : (
    <JsonView label="Arguments with the last run" value={preview.value} />
  );
}
