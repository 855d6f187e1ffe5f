"use client";

import { useQuery } from "@tanstack/react-query";
import { useReactFlow } from "@xyflow/react";
import Link from "next/link";
import { useMemo, useRef, useState } from "react";
import { edgeFromWire, graphToWire } from "@/lib/graph/flow-types";
import type { NodeType } from "@/lib/graph/nodes";
import type { GraphFile, WireGraph } from "@/lib/graph/schemas";
import { useTRPC } from "@/lib/trpc/client";
import { makeNode } from "./add-node";
import { AssistantPanel } from "./assistant/assistant-panel";
import { copySelection, readClipboard } from "./clipboard";
import { CommandSearch, type SearchPick } from "./command-search";
import styles from "./editor.module.css";
import { FlowCanvas } from "./flow-canvas";
import { downloadGraphFile, parseGraphFile } from "./graph-file";
import { Inspector } from "./inspector";
import { autoLayout } from "./layout";
import { LiveCursors } from "./live/live-cursors";
import { PresenceBar } from "./live/presence-bar";
import { useLiveSync } from "./live/use-live-sync";
import { canvasNodeFromWire } from "./nodes/geometry";
import { Palette } from "./palette";
import { RunControls } from "./runs/run-controls";
import { RunsPanel } from "./runs/runs-panel";
import { useRunLive } from "./runs/use-run-live";
import { SaveStatusBadge } from "./save-status";
import { useCanvasStore, useCanvasStoreApi } from "./store-context";
import { useAutosave } from "./use-autosave";
import { useEditorKeys } from "./use-editor-keys";
import { VersionsPanel } from "./versions-panel";
import { WorkflowTitle } from "./workflow-title";

function deselectAll<T extends { selected?: boolean }>(items: T[]): T[] {
  return items.map((item) => (item.selected ? { ...item, selected: false } : item));
}

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

  const paneCenter = () => {
    const rect = paneRef.current?.getBoundingClientRect();
    const center = rect
      ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
      : { x: 400, y: 300 };
    // A small stagger so nodes added in a row do not stack exactly.
    const count = store.getState().nodes.length % 6;
    const p = flow.screenToFlowPosition(center);
    return { x: Math.round(p.x - 90 + count * 24), y: Math.round(p.y - 30 + count * 24) };
  };

  const addNode = (type: NodeType, preset?: { serverId?: string; tool?: string }) => {
    const data = preset?.tool
      ? { serverId: preset.serverId ?? null, tool: preset.tool, label: preset.tool }
      : undefined;
    const node = makeNode(type, paneCenter(), data);
    store.getState().applyLocalChange((g) => ({ nodes: [...deselectAll(g.nodes), node], edges: g.edges }));
  };

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
    requestAnimationFrame(() => void flow.fitView({ padding: 0.2 }));
  };

  const exportFile = () => {
    const { nodes, edges, viewport } = store.getState();
    downloadGraphFile({ name: title.name, ...graphToWire(nodes, edges), viewport });
  };

  const importFile = async (file: File) => {
    try {
      replaceGraph(parseGraphFile(await file.text()));
      setNotice(`Imported ${file.name}`);
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
          onPointerMove={(e) => live.sendCursor(flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }))}
          onPointerLeave={() => live.sendCursor(null)}
        >
          <FlowCanvas defaultViewport={stored.viewport ?? { x: 0, y: 0, zoom: 1 }}>
            <LiveCursors cursors={live.cursors} peers={live.peers} />
          </FlowCanvas>
        </div>
        {/* Stays mounted once opened, so a turn streaming in goes on while another panel shows. */}
        {(side === "assistant" || assistantOpened.current) && (
          <div style={{ display: side === "assistant" ? "contents" : "none" }}>
            <AssistantPanel workflowId={workflowId} autosave={autosave} />
          </div>
        )}
        {side === "inspector" && <Inspector registry={servers} />}
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
