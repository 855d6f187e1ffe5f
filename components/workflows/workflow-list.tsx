"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/client";
import styles from "./workflow-list.module.css";
import { WorkflowRow } from "./workflow-row";

type Sort = "updated" | "name" | "created";

export function WorkflowList() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<Sort>("updated");
  const deferredSearch = useDeferredValue(search);
  const [error, setError] = useState<string | null>(null);
  const list = useQuery(trpc.workflows.list.queryOptions({ search: deferredSearch, sort }));
  // Each workflow's newest run; looked up again now and then, as triggers start runs on their own.
  const latest = useQuery({ ...trpc.runs.latest.queryOptions({}), refetchInterval: 5_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.workflows.list.pathKey() });
  const onError = (e: { message: string }) => setError(e.message);

  const create = useMutation(
    trpc.workflows.create.mutationOptions({ onSuccess: (wf) => router.push(`/workflows/${wf.id}`), onError }),
  );
  const update = useMutation(trpc.workflows.update.mutationOptions({ onSuccess: refresh, onError }));
  const duplicate = useMutation(trpc.workflows.duplicate.mutationOptions({ onSuccess: refresh, onError }));
  const remove = useMutation(trpc.workflows.delete.mutationOptions({ onSuccess: refresh, onError }));

  const workflows = list.data ?? [];
  const nothingYet = list.isSuccess && workflows.length === 0 && !deferredSearch;

  return (
    <div className={styles.page}>
      <header className={styles.heading}>
        <h1 className={styles.title}>Workflows</h1>
        <Button onClick={() => create.mutate({})} loading={create.isPending}>
          New workflow
        </Button>
      </header>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      {nothingYet ? (
        <div className={styles.empty}>
          <h2>No workflows yet</h2>
          <p>Draw your first one: a trigger, a few MCP tools, and the lines between them.</p>
          <Button onClick={() => create.mutate({})} loading={create.isPending}>
            Create your first workflow
          </Button>
        </div>
      ) : (
        <>
          <div className={styles.controls}>
            <input
              type="search"
              placeholder="Search by name"
              aria-label="Search workflows by name"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <select
              aria-label="Sort workflows"
              value={sort}
              onChange={(e) => setSort(e.target.value as Sort)}
            >
              <option value="updated">Last edited</option>
              <option value="name">Name</option>
              <option value="created">Newest</option>
            </select>
          </div>
          {list.isPending && <p className={styles.meta}>Loading…</p>}
          {list.isSuccess && workflows.length === 0 && (
            <p className={styles.meta}>No workflow matches “{deferredSearch}”.</p>
          )}
          <ul className={styles.list}>
            {workflows.map((wf) => (
              <WorkflowRow
                key={wf.id}
                workflow={wf}
                lastRun={latest.data?.[wf.id] ?? null}
                busy={(remove.isPending && remove.variables?.id === wf.id) || duplicate.isPending}
                onSave={(changes) => update.mutate({ id: wf.id, ...changes })}
                onDuplicate={() => duplicate.mutate({ id: wf.id })}
                onDelete={() => remove.mutate({ id: wf.id })}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
