"use client";

import { TRPCClientError } from "@trpc/client";
import { useEffect, useRef, useState } from "react";
import type { WireGraph } from "@/lib/graph/schemas";
import { useTRPCClient } from "@/lib/trpc/client";
import { type Autosave, createAutosave, type SaveFailure, type SaveStatus } from "./autosave";
import { useCanvasStoreApi } from "./store-context";

/** A network drop or a server hiccup is retried; a refusal (4xx) shows its reason. */
export function classifySaveError(error: unknown): SaveFailure {
  if (error instanceof TRPCClientError) {
    const status: number | undefined = error.data?.httpStatus;
    if (status === undefined || status >= 500 || status === 408 || status === 429) {
      return { retry: true, message: error.message };
    }
    return { retry: false, message: error.message };
  }
  return { retry: true, message: error instanceof Error ? error.message : String(error) };
}

function atRisk(autosave: Autosave): boolean {
  const failing = !navigator.onLine || ["offline", "error"].includes(autosave.status().kind);
  return failing && autosave.hasUnsavedChanges();
}

/** Autosaves the canvas of `workflowId`, warns before leaving with unsaved changes. */
export function useAutosave(
  workflowId: string,
  stored: WireGraph,
): { status: SaveStatus; autosave: Autosave | null } {
  const store = useCanvasStoreApi();
  const client = useTRPCClient();
  const [status, setStatus] = useState<SaveStatus>({ kind: "saved" });
  const [autosave, setAutosave] = useState<Autosave | null>(null);
  const storedRef = useRef(stored);

  useEffect(() => {
    const instance = createAutosave({
      store,
      stored: storedRef.current,
      save: (diff) => client.graph.save.mutate({ workflowId, diff }),
      classify: classifySaveError,
      onStatus: setStatus,
    });
    setAutosave(instance);
    const onOnline = () => instance.retryNow();
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!instance.hasUnsavedChanges()) return;
      event.preventDefault();
      event.returnValue = "";
    };
    // In-app links unmount the editor, whose last save then cannot reach an unreachable server.
    const onLinkClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!link || !atRisk(instance)) return;
      if (window.confirm("Your latest changes are not saved yet. Leave this workflow anyway?")) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("online", onOnline);
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onLinkClick, true);
    return () => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onLinkClick, true);
      void instance.flush().finally(() => instance.dispose());
    };
  }, [store, client, workflowId]);

  return { status, autosave };
}
