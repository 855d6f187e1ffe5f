"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import editorStyles from "@/components/canvas/editor.module.css";
import { markRefused } from "@/components/canvas/runs/mark-refused";
import runStyles from "@/components/canvas/runs/runs.module.css";
import { useCanvasStoreApi } from "@/components/canvas/store-context";
import { appErrorOf } from "@/lib/errors/app-error-of";
import { useTRPC } from "@/lib/trpc/client";
import styles from "./triggers.module.css";

/**
 * The workflow's Active switch: on, its webhooks (and schedules) fire. Turning it on validates the
 * whole graph first; a refusal lists its reasons and marks the nodes they name, as a refused run does.
 */
export function ActiveSwitch({
  workflowId,
  beforeActivate,
}: {
  workflowId: string;
  beforeActivate: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canvas = useCanvasStoreApi();
  const [refusal, setRefusal] = useState<string | null>(null);
  const activation = useQuery(trpc.triggers.activation.queryOptions({ workflowId }));
  const setActive = useMutation(
    trpc.triggers.setActive.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.triggers.activation.queryKey({ workflowId }), next);
        setRefusal(null);
        markRefused(canvas, []);
      },
      onError: (error) => {
        const refused = appErrorOf(error);
        setRefusal(refused.message);
        markRefused(canvas, refused.nodeIds);
      },
    }),
  );
  const active = activation.data?.active ?? false;
  const toggle = async () => {
    if (!active) await beforeActivate();
    setActive.mutate({ workflowId, active: !active });
  };

  return (
    <span className={styles.switchBox}>
      <button
        type="button"
        role="switch"
        aria-checked={active}
        className={`${editorStyles.toolButton} ${styles.switch}`}
        disabled={activation.isPending || setActive.isPending}
        onClick={() => void toggle()}
        title={
          active ? "Active: webhooks start runs. Click to deactivate." : "Inactive: webhooks answer 404."
        }
        data-testid="active-switch"
      >
        <span className={styles.track} data-on={active} aria-hidden />
        Active
      </button>
      {refusal && (
        <span className={styles.popover}>
          <span className={runStyles.refusal} role="alert">
            {refusal}
          </span>
          <button
            type="button"
            className={editorStyles.linkButton}
            onClick={() => {
              setRefusal(null);
              markRefused(canvas, []);
            }}
          >
            Dismiss
          </button>
        </span>
      )}
    </span>
  );
}
