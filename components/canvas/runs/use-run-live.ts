"use client";
import { useEffect, useMemo } from "react";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { useTRPCClient } from "@/lib/trpc/client";
import { startRunLive } from "./run-live";
import { useRunViewStore } from "./run-view-context";

/** The canvas follows the workflow's runs live while it is open (see startRunLive). */
export function useRunLive(workflowId: string, onRunChange?: () => void) {
  const store = useRunViewStore();
  const client = useTRPCClient();
  const supabase = useMemo(() => createBrowserSupabase(), []);

  useEffect(() => {
    if (!store) return;
    return startRunLive({ supabase, client, workflowId, store, onRunChange });
  }, [store, client, supabase, workflowId, onRunChange]);
}
