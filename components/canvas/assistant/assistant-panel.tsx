"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { Autosave } from "@/components/canvas/autosave";
import type { AssistantMessage } from "@/lib/assistant/messages";
import { useTRPC } from "@/lib/trpc/client";
import styles from "./assistant.module.css";
import { AssistantChat } from "./assistant-chat";

function startThread(fresh: Set<string>): string {
  const id = crypto.randomUUID();
  fresh.add(id);
  return id;
}

/** Trymate's side panel: the user's threads about this workflow, and the open one's chat. */
export function AssistantPanel({ workflowId, autosave }: { workflowId: string; autosave: Autosave | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery({ ...trpc.assistant.status.queryOptions(), staleTime: Number.POSITIVE_INFINITY });
  const threads = useQuery(trpc.assistant.threads.queryOptions({ workflowId }));
  const [threadId, setThreadId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = threads.data ?? [];
  // Threads started in this tab: their chat holds the messages, nothing to load.
  const fresh = useRef(new Set<string>());
  const newThreadId = () => startThread(fresh.current);

  // The newest thread is resumed (after a reload too); without one, a new thread starts.
  useEffect(() => {
    if (threadId === null && threads.data)
      setThreadId(threads.data[0]?.threadId ?? startThread(fresh.current));
  }, [threadId, threads.data]);

  const known = list.some((t) => t.threadId === threadId);
  const thread = useQuery({
    ...trpc.assistant.thread.queryOptions({ workflowId, threadId: threadId ?? "" }),
    enabled: known && threadId !== null && !fresh.current.has(threadId),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  const refreshList = () =>
    queryClient.invalidateQueries({ queryKey: trpc.assistant.threads.queryKey({ workflowId }) });
  const rename = useMutation(
    trpc.assistant.rename.mutationOptions({ onSuccess: refreshList, onError: (e) => setError(e.message) }),
  );
  const remove = useMutation(
    trpc.assistant.delete.mutationOptions({
      onSuccess: async () => {
        setThreadId(newThreadId());
        await refreshList();
      },
      onError: (e) => setError(e.message),
    }),
  );

  if (status.data && !status.data.configured) {
    return (
      <aside className={styles.panel} aria-label="Trymate">
        <p className={styles.notice} role="status">
          Trymate needs a model: set OPENAI_API_KEY, ANTHROPIC_API_KEY, or TRYLIATE_ASSISTANT_BASE_URL and
          TRYLIATE_ASSISTANT_MODEL on the server, then restart it.
        </p>
      </aside>
    );
  }
  const ready = status.data && threadId !== null && (fresh.current.has(threadId) || thread.data);
  const current = list.find((t) => t.threadId === threadId);

  return (
    <aside className={styles.panel} aria-label="Trymate">
      <div className={styles.header}>
        <select
          aria-label="Conversation"
          value={threadId ?? ""}
          onChange={(e) => setThreadId(e.target.value)}
        >
          {!known && threadId && <option value={threadId}>New conversation</option>}
          {list.map((t) => (
            <option key={t.threadId} value={t.threadId}>
              {t.title}
            </option>
          ))}
        </select>
        <button type="button" className={styles.small} onClick={() => setThreadId(newThreadId())}>
          New
        </button>
        <button
          type="button"
          className={styles.small}
          disabled={!current}
          onClick={() => {
            const title = current && window.prompt("Rename this conversation", current.title);
            if (title && threadId) rename.mutate({ workflowId, threadId, title });
          }}
        >
          Rename
        </button>
        <button
          type="button"
          className={styles.small}
          disabled={!current}
          onClick={() => {
            if (threadId && window.confirm("Delete this conversation?"))
              remove.mutate({ workflowId, threadId });
          }}
        >
          Delete
        </button>
      </div>
      {status.data?.configured && <p className={styles.small}>{status.data.provider}</p>}
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      {ready && threadId ? (
        <AssistantChat
          key={threadId}
          workflowId={workflowId}
          threadId={threadId}
          initialMessages={(thread.data?.messages ?? []) as AssistantMessage[]}
          autosave={autosave}
          onTurnEnd={() => void refreshList()}
        />
      ) : (
        <p className={styles.notice}>Loading…</p>
      )}
    </aside>
  );
}
