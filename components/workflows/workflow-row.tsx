"use client";

import Link from "next/link";
import { useState } from "react";
import { RunStatusChip } from "@/components/runs/run-status";
import { Button } from "@/components/ui/button";
import type { RunSummary, WorkflowSummary } from "@/lib/trpc/types";
import styles from "./workflow-list.module.css";

type Props = {
  workflow: WorkflowSummary;
  /** Its newest run, if it has one. */
  lastRun: Pick<RunSummary, "status" | "startedAt"> | null;
  busy: boolean;
  onSave: (changes: { name: string; description: string | null }) => void;
  onDuplicate: () => void;
  onDelete: () => void;
};

const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** One workflow: open, edit name and description, duplicate, delete after a confirmation. */
export function WorkflowRow({ workflow, lastRun, busy, onSave, onDuplicate, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState(workflow.name);
  const [description, setDescription] = useState(workflow.description ?? "");

  if (editing) {
    return (
      <li className={styles.row}>
        <form
          className={styles.edit}
          method="post"
          onSubmit={(e) => {
            e.preventDefault();
            onSave({ name: name.trim() || "Untitled Workflow", description: description.trim() || null });
            setEditing(false);
          }}
        >
          <input
            aria-label="Workflow name"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
          <textarea
            aria-label="Description"
            placeholder="What does it do?"
            value={description}
            maxLength={2000}
            rows={2}
            onChange={(e) => setDescription(e.target.value)}
          />
          <div className={styles.actions}>
            <Button type="submit" size="sm">
              Save
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className={styles.row} data-testid="workflow-row">
      <div className={styles.info}>
        <Link href={`/workflows/${workflow.id}`} className={styles.name}>
          {workflow.name}
        </Link>
        {workflow.description && <span className={styles.description}>{workflow.description}</span>}
        <span className={styles.meta}>
          {workflow.nodeCount} node{workflow.nodeCount === 1 ? "" : "s"} · edited{" "}
          {formatter.format(new Date(workflow.updatedAt))}
        </span>
        <span className={styles.meta} data-testid="last-run">
          {lastRun ? (
            <>
              Last run <RunStatusChip status={lastRun.status} />{" "}
              {formatter.format(new Date(lastRun.startedAt))}
            </>
          ) : (
            "Never run"
          )}
        </span>
      </div>
      <div className={styles.actions}>
        {confirming ? (
          <>
            <span className={styles.meta}>Delete “{workflow.name}”?</span>
            <Button variant="danger" size="sm" loading={busy} onClick={onDelete}>
              Delete for good
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </>
        ) : (
          <>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => setEditing(true)}
              aria-label={`Edit ${workflow.name}`}
            >
              Edit
            </Button>
            <Button
              variant="ghost"
              size="sm"
              onClick={onDuplicate}
              disabled={busy}
              aria-label={`Duplicate ${workflow.name}`}
            >
              Duplicate
            </Button>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => setConfirming(true)}
              aria-label={`Delete ${workflow.name}`}
            >
              Delete
            </Button>
          </>
        )}
      </div>
    </li>
  );
}
