"use client";

import { useQuery } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import Link from "next/link";
import { useMemo } from "react";
import { edgeFromWire } from "@/lib/graph/flow-types";
import { useTRPC } from "@/lib/trpc/client";
import type { LoadedGraph } from "@/lib/trpc/types";
import styles from "./editor.module.css";
import { EditorBody } from "./editor-body";
import { canvasNodeFromWire } from "./nodes/geometry";
import { RunViewProvider } from "./runs/run-view-context";
import { CanvasStoreProvider } from "./store-context";

/** Loads the workflow's graph once, then hands it to a canvas store of its own. */
export function WorkflowEditor({
  workflowId,
  initialGraph,
}: {
  workflowId: string;
  initialGraph?: LoadedGraph;
}) {
  const trpc = useTRPC();
  const graph = useQuery({
    ...trpc.graph.load.queryOptions({ workflowId }),
    // The canvas owns the graph once open; refetching would overwrite local edits.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: 1,
    initialData: initialGraph,
  });
  const initial = useMemo(
    () =>
      graph.data && {
        nodes: graph.data.nodes.map(canvasNodeFromWire),
        edges: graph.data.edges.map(edgeFromWire),
        viewport: graph.data.workflow.viewport,
      },
    [graph.data],
  );

  if (graph.error) {
    return (
      <div className={styles.message} role="alert">
        <p>{graph.error.message}</p>
        <Link href="/workflows">Back to your workflows</Link>
      </div>
    );
  }
  if (!graph.data || !initial) return <div className={styles.message}>Opening the workflow…</div>;
  return (
    <CanvasStoreProvider key={workflowId} initial={initial}>
      <ReactFlowProvider>
        <RunViewProvider>
          <EditorBody
            workflowId={workflowId}
            name={graph.data.workflow.name}
            stored={{
              nodes: graph.data.nodes,
              edges: graph.data.edges,
              viewport: graph.data.workflow.viewport,
            }}
          />
        </RunViewProvider>
      </ReactFlowProvider>
    </CanvasStoreProvider>
  );
}
