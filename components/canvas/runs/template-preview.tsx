"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { hasTemplate, renderTemplates } from "@/lib/runs/template";
import { useTRPC } from "@/lib/trpc/client";
import { JsonView } from "./json-tree";
import { useRunView } from "./run-view-context";
import styles from "./runs.module.css";

/** The node's arguments with their templates filled in from the last run's input and outputs. */
export function TemplatePreview({ args }: { args: string }) {
  const trpc = useTRPC();
  const runId = useRunView((s) => s.runId);
  const templated = hasTemplate(args);
  const run = useQuery({
    ...trpc.runs.get.queryOptions({ id: runId ?? "" }),
    enabled: Boolean(runId) && templated,
  });
  const [preview, setPreview] = useState<{ value?: unknown; error?: string } | null>(null);

  useEffect(() => {
    if (!templated || !run.data) return setPreview(null);
    const nodes: Record<string, unknown> = {};
    for (const step of run.data.steps) {
      if (step.nodeId && step.event === "succeeded") nodes[step.nodeId] = step.payload.output;
      if (step.nodeId && step.event === "failed") nodes[step.nodeId] = { error: step.error };
    }
    let cancelled = false;
    Promise.resolve()
      .then(() => renderTemplates(JSON.parse(args), { input: run.data.input, nodes }))
      .then(
        (value) => !cancelled && setPreview({ value }),
        (error: unknown) => !cancelled && setPreview({ error: (error as Error).message }),
      );
    return () => {
      cancelled = true;
    };
  }, [args, templated, run.data]);

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
