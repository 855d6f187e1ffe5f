import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import type { Autosave } from "@/components/canvas/autosave";
import type { CanvasStore } from "@/components/canvas/store";
import type { WireGraph } from "@/lib/graph/schemas";
import { type Peer, peersFromPresence, presenceKey } from "./peers";
import { type ChangePayload, type RemoteChange, readChange } from "./remote-changes";
import { changesToReach, type Motion, mergeRemoteChanges } from "./remote-merge";

export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline";

// A server that never confirms its row-change subscription is taken as ready after this long.
const READY_FALLBACK_MS = 3_000;

export type { Peer } from "./peers";
export type Cursor = { tabId: string; x: number; y: number };

type Options = {
  supabase: SupabaseClient;
  workflowId: string;
  store: CanvasStore;
  autosave: Autosave;
  /** The graph as stored now (graph.load), for reconciling after (re)subscribing. */
  loadGraph: () => Promise<{ graph: WireGraph; name: string }>;
  me: Omit<Peer, "tabId">;
  motion: () => Motion | null;
  onStatus: (status: LiveStatus) => void;
  onRename: (name: string) => void;
  onWorkflowDeleted: () => void;
  onPeers: (peers: Peer[]) => void;
  onCursor: (cursor: Cursor | { tabId: string; gone: true }) => void;
  /** Told after each merged batch (benchmarks and tests measure with it). */
  onMerged?: (changes: RemoteChange[]) => void;
  batchMs?: number;
};

/**
 * The Neural Transition's wire: one Realtime channel per open workflow carrying its row changes
 * (postgres_changes on nodes, edges and the workflow), presence and cursors (broadcast). Row
 * changes are merged in small batches; after every (re)subscribe the graph is reloaded and
 * reconciled, so nothing that happened while disconnected is missed. The channel is private
 * (Realtime Authorization): only the workflow's owner may join, send and track on it.
 */
export function startLiveSync(options: Options) {
  const { supabase, workflowId, store, autosave, batchMs = 4 } = options;
  const tabId = crypto.randomUUID();
  let queue: RemoteChange[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reconciling: Promise<void> | null = null;
  let stopped = false;
  let status: LiveStatus = "connecting";
  let readyTimer: ReturnType<typeof setTimeout> | undefined;
  let peerTabs = new Set<string>();

  const setStatus = (next: LiveStatus) => {
    if (stopped || next === status) return;
    status = next;
    options.onStatus(next);
  };

  const mergeQueued = () => {
    timer = undefined;
    if (reconciling || stopped) return;
    const batch = queue;
    queue = [];
    if (batch.some((c) => c.kind === "unreadable")) {
      void reconcile();
      return;
    }
    const items = batch.filter((c) => c.kind === "node" || c.kind === "edge");
    for (const change of batch) {
      if (change.kind !== "workflow") continue;
      if (change.name === null) options.onWorkflowDeleted();
      else options.onRename(change.name);
    }
    if (items.length > 0) {
      const { keptLocal } = mergeRemoteChanges(store, autosave.ledger, items, options.motion());
      if (keptLocal) autosave.saveIfChanged();
    }
    options.onMerged?.(batch);
  };

  const enqueue = (change: RemoteChange | null) => {
    if (!change) return;
    queue.push(change);
    timer ??= setTimeout(mergeQueued, batchMs);
  };

  async function reconcile() {
    if (reconciling) return reconciling;
    reconciling = (async () => {
      try {
        // A save landing between the load and the comparison would look like a remote change.
        await autosave.withSavesHeld(async () => {
          const { graph, name } = await options.loadGraph();
          if (stopped) return;
          const changes = changesToReach(autosave.ledger, graph);
          if (changes.length > 0) mergeRemoteChanges(store, autosave.ledger, changes, options.motion());
          options.onRename(name);
          options.onMerged?.(changes);
        });
        autosave.saveIfChanged();
      } catch {
        // The next (re)subscribe tries again; autosave reports its own failures.
      } finally {
        reconciling = null;
        if (queue.length > 0) timer ??= setTimeout(mergeQueued, 0);
      }
    })();
    return reconciling;
  }

  const onRow = (payload: ChangePayload) => enqueue(readChange(payload, workflowId));
  const channel: RealtimeChannel = supabase
    .channel(`workflow:${workflowId}`, {
      config: {
        private: true,
        presence: { key: presenceKey(options.me.userId, tabId) },
        broadcast: { self: false },
      },
    })
    .on(
      "postgres_changes",
      { event: "*", schema: "public", table: "nodes", filter: `workflow_id=eq.${workflowId}` },
      onRow,
    )
    .on(
      "postgres_changes",
      { event: "*", schema: "public", table: "edges", filter: `workflow_id=eq.${workflowId}` },
      onRow,
    )
    .on(
      "postgres_changes",
      { event: "*", schema: "public", table: "workflows", filter: `id=eq.${workflowId}` },
      onRow,
    )
    .on("presence", { event: "sync" }, () => {
      const peers = peersFromPresence(channel.presenceState(), tabId);
      peerTabs = new Set(peers.map((peer) => peer.tabId));
      options.onPeers(peers);
    })
    .on("broadcast", { event: "cursor" }, ({ payload }) => {
      const cursor = payload as Partial<Cursor & { gone: true }>;
      // Cursors only of tabs present on the channel (whose presence entry checked out).
      if (typeof cursor.tabId !== "string" || !peerTabs.has(cursor.tabId)) return;
      if (cursor.gone) options.onCursor({ tabId: cursor.tabId, gone: true });
      else if (Number.isFinite(cursor.x) && Number.isFinite(cursor.y)) {
        options.onCursor({ tabId: cursor.tabId, x: Number(cursor.x), y: Number(cursor.y) });
      }
    })
    // Row changes flow only once the server says "Subscribed to PostgreSQL"; reconciling then
    // (not at the join reply) leaves no gap in which a change could be missed.
    .on("system", {}, (message: { extension?: string; status?: string }) => {
      if (message.extension === "postgres_changes") changesReady(message.status === "ok");
    });
  const subscribe = () =>
    channel.subscribe((state) => {
      if (stopped) return;
      clearTimeout(readyTimer);
      if (state === "SUBSCRIBED") {
        void channel.track({ ...options.me, tabId });
        readyTimer = setTimeout(() => changesReady(true), READY_FALLBACK_MS);
        return;
      }
      setStatus(isOffline() ? "offline" : "reconnecting");
    });

  // A private channel is authorized with the user's token: hand it to Realtime before joining
  // (supabase-js would, but only once its auth client has loaded the session).
  void supabase.realtime
    .setAuth()
    .catch(() => {})
    .then(() => {
      if (!stopped) subscribe();
    });

  function changesReady(ok: boolean) {
    clearTimeout(readyTimer);
    void reconcile().then(() => setStatus(ok ? "live" : "reconnecting"));
  }

  const onOffline = () => setStatus("offline");
  const onOnline = () => setStatus("reconnecting");
  globalThis.addEventListener?.("offline", onOffline);
  globalThis.addEventListener?.("online", onOnline);

  return {
    tabId,
    channel,
    status: () => status,
    /** Shares this tab's pointer (flow coordinates), or that it left the canvas. */
    sendCursor(position: { x: number; y: number } | null) {
      if (status !== "live") return;
      const payload = position
        ? { tabId, x: Math.round(position.x), y: Math.round(position.y) }
        : { tabId, gone: true };
      void channel.send({ type: "broadcast", event: "cursor", payload });
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(readyTimer);
      globalThis.removeEventListener?.("offline", onOffline);
      globalThis.removeEventListener?.("online", onOnline);
      await supabase.removeChannel(channel);
    },
  };
}

export type LiveSync = ReturnType<typeof startLiveSync>;

const isOffline = () => typeof navigator !== "undefined" && navigator.onLine === false;
