"use client";

import { useEffect, useRef, useState } from "react";
import { appErrorOf } from "@/lib/errors/app-error-of";
import { isTransient } from "@/lib/errors/codes";
import type { WireGraph } from "@/lib/graph/schemas";
import { useTRPCClient } from "@/lib/trpc/client";
import { type Autosave, createAutosave, type SaveFailure, type SaveStatus } from "./autosave";
import { useCanvasStoreApi } from "./store-context";

/** A network drop, a server hiccup, a limit or a timeout is retried; a refusal shows its reason. */
export function classifySaveError(error: unknown): SaveFailure {
  const { code, message } = appErrorOf(error);
  return { retry: code === null || isTransient(code), message };
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
