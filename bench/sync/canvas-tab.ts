import { performance } from "node:perf_hooks";
import type { RealtimeChannel } from "@supabase/supabase-js";
import { createAutosave } from "../../components/canvas/autosave";
import { startLiveSync } from "../../components/canvas/live/live-sync";
import { canvasNodeFromWire } from "../../components/canvas/nodes/geometry";
import { createCanvasStore } from "../../components/canvas/store";
import { edgeFromWire } from "../../lib/graph/flow-types";
import type { Tab } from "./stack";

const TIMEOUT_MS = 3_000;

/** Resolves with the time `check` first holds, watching a source that calls back on change. */
export function whenTrue(
  subscribe: (onChange: () => void) => () => void,
  check: () => boolean,
  what = "a change",
): Promise<number> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve(performance.now());
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${what} did not arrive within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    const stop = subscribe(() => {
      if (!check()) return;
      clearTimeout(timer);
      stop();
      resolve(performance.now());
    });
  });
}

/** Tab B: a canvas store with autosave and live sync, as the editor opens it; resolves once live. */
export async function openCanvas(tab: Tab, workflowId: string) {
  const loaded = await tab.api.graph.load.query({ workflowId });
  const stored = { nodes: loaded.nodes, edges: loaded.edges, viewport: loaded.workflow.viewport };
  const store = createCanvasStore({
    nodes: loaded.nodes.map(canvasNodeFromWire),
    edges: loaded.edges.map(edgeFromWire),
  });
  const autosave = createAutosave({
    store,
    stored,
    save: (diff) => tab.api.graph.save.mutate({ workflowId, diff }),
    classify: (error) => ({ retry: false, message: String(error) }),
    onStatus: () => {},
  });
  let live = false;
  const sync = startLiveSync({
    supabase: tab.supabase,
    workflowId,
    store,
    autosave,
    loadGraph: async () => {
      const g = await tab.api.graph.load.query({ workflowId });
      return {
        graph: { nodes: g.nodes, edges: g.edges, viewport: g.workflow.viewport },
        name: g.workflow.name,
      };
    },
    me: { userId: tab.userId, name: "bench", color: null, avatarUrl: null },
    motion: () => null,
    onStatus: (status) => {
      live = status === "live";
    },
    onRename: () => {},
    onWorkflowDeleted: () => {},
    onPeers: () => {},
    onCursor: () => {},
  });
  await whenTrue(
    (f) => {
      const t = setInterval(f, 5);
      return () => clearInterval(t);
    },
    () => live,
  ).catch(() => {
    throw new Error("tab B never went live");
  });
  return { store, autosave, sync };
}

/** Subscribes a channel and resolves once the server confirms its row-change subscription ("Subscribed to PostgreSQL"). */
export function subscribeToChanges(channel: RealtimeChannel, label: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    channel.on("system", {}, (message: { extension?: string; status?: string }) => {
      if (message.extension !== "postgres_changes") return;
      if (message.status === "ok") resolve();
      else reject(new Error(`${label}: ${message.status}`));
    });
    channel.subscribe((status) => {
      if (status === "CHANNEL_ERROR" || status === "TIMED_OUT") reject(new Error(status));
    });
  });
}
