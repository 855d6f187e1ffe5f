"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import styles from "@/components/canvas/editor.module.css";
import { JsonView } from "@/components/canvas/runs/json-tree";
import { appErrorOf } from "@/lib/errors/app-error-of";
import { useTRPC } from "@/lib/trpc/client";

/**
 * A webhook node's URL (with a copy button), its secret (in full only right after it is made or
 * rotated), "Rotate secret" and "Listen for a test event", whose payload shows here.
 */
export function WebhookEndpoint({
  workflowId,
  nodeId,
  auth,
}: {
  workflowId: string;
  nodeId: string;
  auth: "hmac" | "header";
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = { workflowId, nodeId };
  const [secret, setSecret] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const webhook = useQuery({
    ...trpc.triggers.webhooks.get.queryOptions(key),
    refetchInterval: (query) => (query.state.data?.listening ? 1000 : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.triggers.webhooks.get.queryKey(key) });
  const onError = (error: unknown) => setProblem(appErrorOf(error).message);
  const onSecret = (made: { secret: string | null }) => {
    setProblem(null);
    if (made.secret) setSecret(made.secret);
    void refresh();
  };
  const create = useMutation(trpc.triggers.webhooks.create.mutationOptions({ onSuccess: onSecret, onError }));
  const rotate = useMutation(
    trpc.triggers.webhooks.rotateSecret.mutationOptions({ onSuccess: onSecret, onError }),
  );
  const listen = useMutation(
    trpc.triggers.webhooks.listen.mutationOptions({ onSuccess: () => void refresh(), onError }),
  );

  const current = webhook.data;
  if (webhook.isPending) return <p className={styles.hint}>Loading the webhook…</p>;
  if (!current)
    return (
      <div className={styles.field}>
        <span>URL</span>
        <button type="button" className={styles.toolButton} onClick={() => create.mutate(key)}>
          Make its URL and secret
        </button>
        {problem && <span className={styles.fieldError}>{problem}</span>}
      </div>
    );

  const url = `${window.location.origin}/api/webhooks/${current.id}`;
  return (
    <div className={styles.field}>
      <span>URL</span>
      <input readOnly value={url} aria-label="Webhook URL" data-testid="webhook-url" />
      <button
        type="button"
        className={styles.toolButton}
        onClick={() => void navigator.clipboard.writeText(url)}
      >
        Copy URL
      </button>
      {secret ? (
        <>
          <span>Secret (shown this once: copy it now)</span>
          <input readOnly value={secret} aria-label="Webhook secret" data-testid="webhook-secret" />
          <CopyButton text={secret} label="Copy secret" />
        </>
      ) : (
        <span className={styles.hint}>Secret ending in …{current.secretHint}</span>
      )}
      <button type="button" className={styles.toolButton} onClick={() => rotate.mutate(key)}>
        Rotate secret
      </button>
      <p className={styles.hint}>
        {auth === "hmac"
          ? "Send Tryliate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of “<t>.<raw body>” with the secret>."
          : "Send the secret in the X-Tryliate-Secret header."}{" "}
        The method, query, headers and body are the run's input.
      </p>
      {current.listening ? (
        <>
          <span role="status">Listening for a test event…</span>
          <button
            type="button"
            className={styles.toolButton}
            onClick={() => listen.mutate({ ...key, listening: false })}
          >
            Stop listening
          </button>
        </>
      ) : (
        <button
          type="button"
          className={styles.toolButton}
          onClick={() => listen.mutate({ ...key, listening: true })}
        >
          Listen for a test event
        </button>
      )}
      {current.testEventAt && current.testEvent != null && (
        <JsonView
          label={`Test event (${current.testEventAt.toLocaleTimeString()})`}
          value={current.testEvent}
        />
      )}
      {problem && <span className={styles.fieldError}>{problem}</span>}
    </div>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={styles.toolButton}
      onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true))}
    >
      {copied ? "Copied" : label}
    </button>
  );
}
