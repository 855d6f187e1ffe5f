"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import editorStyles from "@/components/canvas/editor.module.css";
import { useCanvasStoreApi } from "@/components/canvas/store-context";
import { appErrorOf } from "@/lib/errors/app-error-of";
import { useTRPC } from "@/lib/trpc/client";
import { markRefused } from "./mark-refused";
import { useRunView, useRunViewStore } from "./run-view-context";
import styles from "./runs.module.css";

/** Run (with an input dialog prefilled from the trigger), Cancel, Re-run and Retry from the failed step. */
export function RunControls({
  workflowId,
  beforeRun,
  onError,
}: {
  workflowId: string;
  beforeRun: () => Promise<void>;
  onError: (message: string) => void;
}) {
  const trpc = useTRPC();
  const canvas = useCanvasStoreApi();
  const runView = useRunViewStore();
  const runId = useRunView((s) => s.runId);
  const runStatus = useRunView((s) => s.runStatus);
  const availability = useQuery({
    ...trpc.runs.availability.queryOptions({}),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [dialog, setDialog] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const closeDialog = () => {
    setDialog(null);
    setRefusal(null);
    markRefused(canvas, []);
  };
  const onStarted = (started: { id: string | null }) => {
    closeDialog();
    if (started.id) runView?.getState().showRun({ id: started.id, status: "queued" });
  };
  const onFailed = (error: { message: string }) => onError(error.message);
  // Refused before it starts: the reason shows in the dialog, over the canvas, with its nodes marked.
  const onRefused = (error: unknown) => {
    const refused = appErrorOf(error);
    setRefusal(refused.message);
    markRefused(canvas, refused.nodeIds);
  };
  const start = useMutation(trpc.runs.start.mutationOptions({ onSuccess: onStarted, onError: onRefused }));
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onError: onFailed }));
  const rerun = useMutation(trpc.runs.rerun.mutationOptions({ onSuccess: onStarted, onError: onFailed }));
  const retry = useMutation(trpc.runs.retry.mutationOptions({ onSuccess: onStarted, onError: onFailed }));

  const blocked = availability.data && !availability.data.ready ? availability.data.message : null;
  const going = runStatus === "queued" || runStatus === "running";
  const openDialog = () => {
    const trigger = canvas.getState().nodes.find((node) => node.type === "trigger");
    setRefusal(null);
    setDialog(trigger && "input" in trigger.data ? trigger.data.input : "{}");
  };

  return (
    <>
      <button
        type="button"
        className={`${editorStyles.toolButton} ${styles.run}`}
        onClick={openDialog}
        disabled={Boolean(blocked)}
        title={blocked ?? "Run the workflow from its trigger"}
        data-testid="run-button"
      >
        ▶ Run
      </button>
      {blocked && (
        <span className={styles.blocked} role="note">
          {blocked}
        </span>
      )}
      {runId && going && (
        <button
          type="button"
          className={editorStyles.toolButton}
          onClick={() => cancel.mutate({ id: runId })}
          disabled={cancel.isPending}
        >
          Cancel
        </button>
      )}
      {runId && !going && runStatus && (
        <button
          type="button"
          className={editorStyles.toolButton}
          onClick={() => rerun.mutate({ id: runId })}
          disabled={Boolean(blocked) || rerun.isPending}
        >
          Re-run
        </button>
      )}
      {runId && runStatus === "failed" && (
        <button
          type="button"
          className={editorStyles.toolButton}
          onClick={() => retry.mutate({ id: runId })}
          disabled={Boolean(blocked) || retry.isPending}
        >
          Retry from failed step
        </button>
      )}
      {dialog !== null && (
        <div className={styles.dialogBackdrop}>
          <form
            method="post"
            className={styles.dialog}
            role="dialog"
            aria-modal="true"
            aria-label="Run the workflow"
            onKeyDown={(e) => {
              if (e.key === "Escape") closeDialog();
            }}
            onSubmit={(e) => {
              e.preventDefault();
              setRefusal(null);
              void beforeRun().then(() => start.mutate({ workflowId, input: dialog }));
            }}
          >
            <h2>Run with this input</h2>
            {refusal && (
              <p className={styles.refusal} role="alert">
                {refusal}
              </p>
            )}
            <label className={editorStyles.field}>
              <span>Input (JSON)</span>
              <textarea
                className={editorStyles.code}
                rows={8}
                value={dialog}
                spellCheck={false}
                onChange={(e) => setDialog(e.target.value)}
              />
            </label>
            <div className={styles.dialogButtons}>
              <button type="button" className={editorStyles.toolButton} onClick={closeDialog}>
                Close
              </button>
              <button
                type="submit"
                className={`${editorStyles.toolButton} ${styles.run}`}
                disabled={start.isPending}
              >
                Start run
              </button>
            </div>
          </form>
        </div>
      )}
    </>
  );
}
