"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useReactFlow } from "@xyflow/react";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { edgeFromWire, graphToWire } from "@/lib/graph/flow-types";
import type { GraphFile, WireGraph } from "@/lib/graph/schemas";
import { useTRPC } from "@/lib/trpc/client";
import { copySelection, readClipboard } from "./clipboard";
import type { SearchPick } from "./command-search";
import styles from "./editor.module.css";
import { FlowCanvas } from "./flow-canvas";
import { downloadGraphFile, parseGraphFile } from "./graph-file";
import { Inspector } from "./inspector";
import { autoLayout } from "./layout";
import { AssistantPanel, CommandSearch, RunsPanel, VersionsPanel } from "./lazy-panels";
import { LiveCursors } from "./live/live-cursors";
import { PresenceBar } from "./live/presence-bar";
import { useLiveSync } from "./live/use-live-sync";
import { canvasNodeFromWire } from "./nodes/geometry";
import { Palette } from "./palette";
import { RunControls } from "./runs/run-controls";
import { useRunLive } from "./runs/use-run-live";
import { SaveStatusBadge } from "./save-status";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { useCanvasStore, useCanvasStoreApi } from "./store-context";
import { ActiveSwitch } from "./triggers/active-switch";
import { deselectAll, useAddNode } from "./use-add-node";
import { useAutosave } from "./use-autosave";
import { useEditorKeys } from "./use-editor-keys";
import { WorkflowTitle } from "./workflow-title";

const FIT = { padding: 0.2, maxZoom: 1 };

export function EditorBody({
  workflowId,
  name,
  stored,
}: {
  workflowId: string;
  name: string;
  stored: WireGraph;
}) {
  const store = useCanvasStoreApi();
  const flow = useReactFlow();
  const trpc = useTRPC();
  const registry = useQuery({ ...trpc.registry.list.queryOptions(), staleTime: 60_000 });
  const { status, autosave } = useAutosave(workflowId, stored);
  const canUndo = useCanvasStore((s) => s.past.length > 0);
  const canRedo = useCanvasStore((s) => s.future.length > 0);
  const [searchOpen, setSearchOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [side, setSide] = useState<"inspector" | "versions" | "runs" | "assistant">("inspector");
  const [notice, setNotice] = useState<string | null>(null);
  const assistantOpened = useRef(false);
  if (side === "assistant") assistantOpened.current = true;
  const [title, setTitle] = useState({ name, flash: false });
  const live = useLiveSync(workflowId, autosave, {
    onRename: (next) => setTitle((t) => (t.name === next ? t : { name: next, flash: true })),
    onWorkflowDeleted: () =>
      setNotice("This workflow was deleted in another window. Export it now to keep a copy."),
  });
  useRunLive(workflowId);
  const paneRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const servers = registry.data ?? [];

  const { addNode, dropTarget } = useAddNode(paneRef);
  const rename = useMutation(trpc.workflows.update.mutationOptions());

  const replaceGraph = (file: Pick<GraphFile, "nodes" | "edges" | "viewport">) => {
    store.getState().applyLocalChange(() => ({
      nodes: file.nodes.map(canvasNodeFromWire),
      edges: file.edges.map(edgeFromWire),
    }));
    if (file.viewport) {
      void flow.setViewport(file.viewport);
      store.getState().setViewport(file.viewport);
    }
  };

  const actions = useMemo(
    () => ({
      search: () => setSearchOpen(true),
      undo: () => store.getState().undo(),
      redo: () => store.getState().redo(),
      copy: () => {
        const { nodes, edges } = store.getState();
        const count = copySelection(nodes, edges);
        if (count > 0) setNotice(`Copied ${count} node${count === 1 ? "" : "s"}`);
      },
      paste: () => {
        const pasted = readClipboard();
        if (!pasted) return;
        store.getState().applyLocalChange((g) => ({
          nodes: [...deselectAll(g.nodes), ...pasted.nodes],
          edges: [...deselectAll(g.edges), ...pasted.edges],
        }));
      },
      remove: () => store.getState().deleteSelection(),
      help: () => setHelpOpen(true),
    }),
    [store],
  );
  useEditorKeys(actions);

  const layout = async () => {
    const { nodes, edges } = store.getState();
    const positions = await autoLayout(nodes, edges);
    store.getState().applyLocalChange((g) => ({
      ...g,
      nodes: g.nodes.map((n) => {
        const p = positions.get(n.id);
        return p ? { ...n, position: p } : n;
      }),
    }));
    requestAnimationFrame(() => void flow.fitView(FIT));
  };

  // A narrower or wider window shows the whole graph again, never zoomed in past 100%.
  useEffect(() => {
    let frame = 0;
    const refit = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => void flow.fitView(FIT));
    };
    window.addEventListener("resize", refit);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("resize", refit);
    };
  }, [flow]);

  const exportFile = () => {
    const { nodes, edges, viewport } = store.getState();
    downloadGraphFile({ name: title.name, ...graphToWire(nodes, edges), viewport });
  };

  const importFile = async (file: File) => {
    try {
      const graph = parseGraphFile(await file.text());
      replaceGraph(graph);
      setNotice(`Imported ${file.name}`);
      const named = graph.name?.trim();
      if (named && named !== title.name) {
        const saved = await rename.mutateAsync({ id: workflowId, name: named });
        setTitle({ name: saved.name, flash: false });
      }
    } catch (error) {
      setNotice((error as Error).message);
    }
  };

  return (
    <div className={styles.editor}>
      <header className={styles.toolbar}>
        <Link href="/workflows" className={styles.back}>
          ← Workflows
        </Link>
        <WorkflowTitle
          workflowId={workflowId}
          name={title.name}
          flash={title.flash}
          onRenamed={(next) => setTitle({ name: next, flash: false })}
          onError={setNotice}
        />
        <SaveStatusBadge status={status} onRetry={() => autosave?.retryNow()} />
        <PresenceBar peers={live.peers} status={live.status} />
        <div className={styles.tools}>
          <ActiveSwitch
            workflowId={workflowId}
            beforeActivate={async () => {
              await autosave?.flush();
            }}
          />
          <RunControls
            workflowId={workflowId}
            beforeRun={async () => {
              await autosave?.flush();
            }}
            onError={setNotice}
          />
          <button
            type="button"
            className={styles.toolButton}
            aria-pressed={side === "runs"}
            onClick={() => setSide((s) => (s === "runs" ? "inspector" : "runs"))}
          >
            Runs
          </button>
          <button
            type="button"
            className={styles.toolButton}
            onClick={actions.undo}
            disabled={!canUndo}
            title="Undo (Ctrl+Z)"
          >
            Undo
          </button>
          <button
            type="button"
            className={styles.toolButton}
            onClick={actions.redo}
            disabled={!canRedo}
            title="Redo (Ctrl+Shift+Z)"
          >
            Redo
          </button>
          <button type="button" className={styles.toolButton} onClick={() => void layout()}>
            Auto-layout
          </button>
          <button type="button" className={styles.toolButton} onClick={exportFile}>
            Export
          </button>
          <button type="button" className={styles.toolButton} onClick={() => fileRef.current?.click()}>
            Import
          </button>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            hidden
            data-testid="import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
              e.target.value = "";
            }}
          />
          <button
            type="button"
            className={styles.toolButton}
            aria-pressed={side === "versions"}
            onClick={() => setSide((s) => (s === "versions" ? "inspector" : "versions"))}
          >
            Versions
          </button>
          <button
            type="button"
            className={styles.toolButton}
            aria-pressed={side === "assistant"}
            onClick={() => setSide((s) => (s === "assistant" ? "inspector" : "assistant"))}
          >
            Trymate
          </button>
          <button type="button" className={styles.toolButton} onClick={() => setHelpOpen(true)} title="?">
            Shortcuts
          </button>
        </div>
      </header>
      {notice && (
        <div className={styles.notice} role="status">
          <span>{notice}</span>
          <button type="button" className={styles.linkButton} onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      <div className={styles.workspace}>
        <Palette onAdd={(type) => addNode(type)} />
        <div
          className={styles.pane}
          ref={paneRef}
          data-testid="canvas"
          {...dropTarget}
          onPointerMove={(e) => live.sendCursor(flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }))}
          onPointerLeave={() => live.sendCursor(null)}
        >
          <FlowCanvas
            defaultViewport={stored.viewport ?? { x: 0, y: 0, zoom: 1 }}
            onNodeClick={() => setSide((s) => (s === "runs" || s === "versions" ? "inspector" : s))}
          >
            <LiveCursors cursors={live.cursors} peers={live.peers} />
          </FlowCanvas>
        </div>
        {/* Stays mounted once opened, so a turn streaming in goes on while another panel shows. */}
        {(side === "assistant" || assistantOpened.current) && (
          <div style={{ display: side === "assistant" ? "contents" : "none" }}>
            <AssistantPanel workflowId={workflowId} autosave={autosave} />
          </div>
        )}
        {side === "inspector" && <Inspector registry={servers} workflowId={workflowId} />}
        {side === "runs" && <RunsPanel workflowId={workflowId} />}
        {side === "versions" && (
          <VersionsPanel
            workflowId={workflowId}
            beforeSave={async () => {
              await autosave?.flush();
            }}
            onRestore={(file) => {
              replaceGraph(file);
              setNotice("Version restored. Undo (Ctrl+Z) brings back what was there before.");
            }}
          />
        )}
      </div>
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
      {searchOpen && (
        <CommandSearch
          registry={servers}
          onClose={() => setSearchOpen(false)}
          onPick={(pick: SearchPick) => addNode(pick.type, pick)}
        />
      )}
    </div>
  );
}
