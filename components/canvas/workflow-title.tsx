"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/lib/trpc/client";
import styles from "./editor.module.css";
import liveStyles from "./live/live.module.css";

type Props = {
  workflowId: string;
  name: string;
  /** True when the name just arrived from elsewhere: it glows once. */
  flash: boolean;
  onRenamed: (name: string) => void;
  onError: (message: string) => void;
};

/** The workflow's name; a click edits it in place (Enter or leaving the field saves, Escape cancels). */
export function WorkflowTitle({ workflowId, name, flash, onRenamed, onError }: Props) {
  const trpc = useTRPC();
  const rename = useMutation(trpc.workflows.update.mutationOptions());
  const [draft, setDraft] = useState<string | null>(null);

  const commit = async () => {
    if (draft === null) return;
    const next = draft.trim();
    setDraft(null);
    if (!next || next === name) return;
    try {
      const saved = await rename.mutateAsync({ id: workflowId, name: next });
      onRenamed(saved.name);
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    }
  };

  if (draft !== null) {
    return (
      <input
        className={styles.titleInput}
        aria-label="Workflow name"
        value={draft}
        maxLength={200}
        // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to edit
        autoFocus
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === "Enter") void commit();
          if (e.key === "Escape") setDraft(null);
        }}
      />
    );
  }
  return (
    <h1
      key={name}
      className={`${styles.title} ${flash ? liveStyles.titleFlash : ""}`}
      data-testid="workflow-title"
    >
      <button type="button" className={styles.titleButton} title="Rename" onClick={() => setDraft(name)}>
        {name}
      </button>
    </h1>
  );
}
