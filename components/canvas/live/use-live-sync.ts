"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Autosave } from "@/components/canvas/autosave";
import { useCanvasStoreApi } from "@/components/canvas/store-context";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { useTRPC, useTRPCClient } from "@/lib/trpc/client";
import styles from "./live.module.css";
import { type Cursor, type LiveStatus, type LiveSync, type Peer, startLiveSync } from "./live-sync";
import type { Motion } from "./remote-merge";

const CURSOR_INTERVAL_MS = 50;
const MOTION: Motion = {
  enter: styles.enter ?? "",
  exit: styles.exit ?? "",
  draw: styles.draw ?? "",
  flash: styles.flash ?? "",
  glideMs: 450,
  enterMs: 950,
  exitMs: 300,
};

const motionAllowed = () => !window.matchMedia("(prefers-reduced-motion: reduce)").matches;

type Handlers = { onRename: (name: string) => void; onWorkflowDeleted: () => void };

/** Joins the workflow's live channel once autosave and the user's profile are ready. */
export function useLiveSync(workflowId: string, autosave: Autosave | null, handlers: Handlers) {
  const store = useCanvasStoreApi();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const me = useQuery({ ...trpc.users.me.queryOptions(), staleTime: 60_000 });
  const supabase = useMemo(() => createBrowserSupabase(), []);
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [peers, setPeers] = useState<Peer[]>([]);
  const [cursors, setCursors] = useState<Map<string, Cursor>>(new Map());
  const sync = useRef<LiveSync | null>(null);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  const profile = me.data;
  useEffect(() => {
    if (!autosave || !profile) return;
    const live = startLiveSync({
      supabase,
      workflowId,
      store,
      autosave,
      loadGraph: async () => {
        const loaded = await client.graph.load.query({ workflowId });
        const graph = { nodes: loaded.nodes, edges: loaded.edges, viewport: loaded.workflow.viewport };
        return { graph, name: loaded.workflow.name };
      },
      me: {
        userId: profile.id,
        name: profile.displayName ?? "Someone",
        color: profile.color,
        avatarUrl: profile.avatarUrl,
      },
      motion: () => (motionAllowed() ? MOTION : null),
      onStatus: setStatus,
      onRename: (name) => handlersRef.current.onRename(name),
      onWorkflowDeleted: () => handlersRef.current.onWorkflowDeleted(),
      onPeers: (next) => {
        setPeers(next);
        const present = new Set(next.map((p) => p.tabId));
        setCursors((all) => new Map([...all].filter(([tabId]) => present.has(tabId))));
      },
      onCursor: (cursor) =>
        setCursors((all) => {
          const next = new Map(all);
          if ("gone" in cursor) next.delete(cursor.tabId);
          else next.set(cursor.tabId, cursor);
          return next;
        }),
    });
    sync.current = live;
    return () => {
      sync.current = null;
      void live.stop();
    };
  }, [supabase, client, store, workflowId, autosave, profile]);

  const sendCursor = useThrottled((position: { x: number; y: number } | null) =>
    sync.current?.sendCursor(position),
  );
  return { status, peers, cursors, sendCursor };
}

/** Calls `send` at most every CURSOR_INTERVAL_MS, always with the latest value (trailing call). */
function useThrottled<T>(send: (value: T) => void) {
  const state = useRef<{ last: number; timer?: ReturnType<typeof setTimeout>; value?: T }>({ last: 0 });
  const sendRef = useRef(send);
  sendRef.current = send;
  return useMemo(
    () => (value: T) => {
      const s = state.current;
      s.value = value;
      if (s.timer) return;
      const wait = Math.max(0, s.last + CURSOR_INTERVAL_MS - Date.now());
      s.timer = setTimeout(() => {
        s.timer = undefined;
        s.last = Date.now();
        sendRef.current(s.value as T);
      }, wait);
    },
    [],
  );
}
