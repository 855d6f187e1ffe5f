"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { GraphFile } from "@/lib/graph/schemas";
import { useTRPC, useTRPCClient } from "@/lib/trpc/client";
import styles from "./editor.module.css";

/** Named versions: save the stored graph under a label, or bring one back (undoable). */
export function VersionsPanel({
  workflowId,
  beforeSave,
  onRestore,
}: {
  workflowId: string;
  beforeSave: () => Promise<void>;
  onRestore: (file: GraphFile) => void;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState("");
  const [error, setError] = useState<string | null>(null);
  const versions = useQuery(trpc.versions.list.queryOptions({ workflowId }));
  const create = useMutation(
    trpc.versions.create.mutationOptions({
      onSuccess: () => {
        setLabel("");
        void queryClient.invalidateQueries({ queryKey: trpc.versions.list.queryKey({ workflowId }) });
      },
      onError: (e) => setError(e.message),
    }),
  );

  return (
    <aside className={styles.inspector} aria-label="Versions">
      <h2 className={styles.panelTitle}>Versions</h2>
      <form
        className={styles.field}
        method="post"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          await beforeSave();
          create.mutate({ workflowId, label });
        }}
      >
        <input
          placeholder="Version name"
          aria-label="Version name"
          value={label}
          maxLength={200}
          onChange={(e) => setLabel(e.target.value)}
        />
        <button
          type="submit"
          className={styles.toolButton}
          disabled={!label.trim() || create.isPending}
          aria-describedby={label.trim() ? undefined : "version-name-hint"}
        >
          Save version
        </button>
        {!label.trim() && (
          <span id="version-name-hint" className={styles.hint}>
            Name the version to save it: the saved graph is kept under that name.
          </span>
        )}
      </form>
      {error && <p className={styles.fieldError}>{error}</p>}
      <ul className={styles.versionList}>
        {versions.data?.map((v) => (
          <li key={v.id} className={styles.versionItem}>
            <span>
              <strong>
                v{v.version} · {v.label}
              </strong>
              <small>
                {new Date(v.createdAt).toLocaleString()} · {v.nodeCount} nodes
              </small>
            </span>
            <button
              type="button"
              className={styles.toolButton}
              aria-label={`Restore ${v.label}`}
              onClick={async () => {
                setError(null);
                try {
                  onRestore(await client.versions.get.query({ workflowId, versionId: v.id }));
                } catch (e) {
                  setError((e as Error).message);
                }
              }}
            >
              Restore
            </button>
          </li>
        ))}
        {versions.data?.length === 0 && <li className={styles.hint}>No versions yet.</li>}
      </ul>
    </aside>
  );
}
