import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAutosave } from "@/components/canvas/autosave";
import { canvasNodeFromWire } from "@/components/canvas/nodes/geometry";
import { createCanvasStore, documentGraph } from "@/components/canvas/store";
import { emptyDiff, type GraphDiff, type WireGraph, type WireNode } from "@/lib/graph/schemas";
import { signJwt } from "@/local/keys";
import type { LocalStack } from "@/local/server";
import { startTestStack } from "@/test/local-stack";
import { realtimeClient, sleep, until } from "@/test/realtime-clients";
import { callerWithClaims } from "@/test/trpc";
import { insertTestUser, type TestUser } from "@/test/users";
import { type LiveStatus, startLiveSync } from "./live-sync";

let stack: LocalStack;
let alice: TestUser;
let token: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  alice = await insertTestUser(process.env.DATABASE_URL as string);
  token = await signJwt(stack.context.signingKey, alice.claims);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

afterAll(async () => {
  await stack.close();
});

const api = () => callerWithClaims(alice.claims);
const note = (id: string, x: number): WireNode => ({
  id,
  type: "note",
  position: { x, y: 0 },
  data: { text: id },
});

async function loadStored(workflowId: string): Promise<WireGraph> {
  const loaded = await api().graph.load({ workflowId });
  return { nodes: loaded.nodes, edges: loaded.edges, viewport: loaded.workflow.viewport };
}

/**
 * A canvas as the editor opens it: store, autosave and live sync over an unmodified supabase-js
 * client. `loadGraph` may be wrapped to hold the reconcile's read; `batchMs` widens the merge batch.
 */
async function openTab(
  workflowId: string,
  options: { holdLoad?: (load: () => Promise<WireGraph>) => Promise<WireGraph>; batchMs?: number } = {},
) {
  const stored = await loadStored(workflowId);
  const store = createCanvasStore({ nodes: stored.nodes.map(canvasNodeFromWire), edges: [] });
  const saves: GraphDiff[] = [];
  const autosave = createAutosave({
    store,
    stored,
    save: async (diff) => {
      saves.push(diff);
      await api().graph.save({ workflowId, diff });
    },
    classify: (error) => ({ retry: false, message: String(error) }),
    onStatus: () => {},
    debounceMs: 20,
  });
  const supabase: SupabaseClient = realtimeClient(stack, token);
  let status: LiveStatus = "connecting";
  const load = () => loadStored(workflowId);
  const sync = startLiveSync({
    supabase,
    workflowId,
    store,
    autosave,
    loadGraph: async () => ({ graph: await (options.holdLoad ?? ((l) => l()))(load), name: "Flow" }),
    me: { userId: alice.id, name: "Alice", color: null, avatarUrl: null },
    motion: () => null,
    onStatus: (next) => {
      status = next;
    },
    onRename: () => {},
    onWorkflowDeleted: () => {},
    onPeers: () => {},
    onCursor: () => {},
    batchMs: options.batchMs,
  });
  cleanups.push(async () => {
    autosave.dispose();
    await sync.stop();
    await supabase.removeAllChannels();
  });
  const positions = () =>
    documentGraph(store.getState())
      .nodes.map((n) => `${n.id}@${n.position.x}`)
      .sort();
  return { store, autosave, saves, positions, status: () => status };
}

async function newWorkflow(nodes: WireNode[]) {
  const { id } = await api().workflows.create({ name: "Flow" });
  await api().graph.save({ workflowId: id, diff: { ...emptyDiff(), upsertNodes: nodes } });
  return id;
}

describe("live sync against the local Supabase", () => {
  it("holds this tab's saves while it reconciles with the stored graph, then sends them; nothing is undone", async () => {
    const workflowId = await newWorkflow([note("trigger", 0)]);
    let requested = () => {};
    const loadRequested = new Promise<void>((resolve) => {
      requested = resolve;
    });
    let releaseLoad = () => {};
    const released = new Promise<void>((resolve) => {
      releaseLoad = resolve;
    });
    const { store, autosave, saves, positions, status } = await openTab(workflowId, {
      holdLoad: async (load) => {
        requested();
        await released;
        return load();
      },
    });
    await loadRequested;

    // The person adds a note while the reconcile's read is pending.
    store
      .getState()
      .applyLocalChange((g) => ({ ...g, nodes: [...g.nodes, canvasNodeFromWire(note("extra", 50))] }));
    const flushed = autosave.flush();
    await sleep(150);
    expect(saves).toEqual([]);

    releaseLoad();
    await flushed;
    await until(() => status() === "live");
    expect(saves).toHaveLength(1);
    expect(positions()).toEqual(["extra@50", "trigger@0"]);
    expect((await loadStored(workflowId)).nodes.map((n) => n.id).sort()).toEqual(["extra", "trigger"]);
  });

  it("another tab's quick moves of one node, merged in one batch, end at the last one and are not saved back", async () => {
    const workflowId = await newWorkflow([note("a", 0)]);
    const watcher = await openTab(workflowId, { batchMs: 300 });
    await until(() => watcher.status() === "live");

    for (const x of [10, 20, 30]) {
      await api().graph.save({ workflowId, diff: { ...emptyDiff(), upsertNodes: [note("a", x)] } });
    }
    await api().graph.save({ workflowId, diff: { ...emptyDiff(), upsertNodes: [note("b", 5)] } });
    await api().graph.save({ workflowId, diff: { ...emptyDiff(), deleteNodes: ["b"] } });

    await until(() => watcher.positions().join() === "a@30", 5_000);
    await sleep(400);
    expect(watcher.positions()).toEqual(["a@30"]);
    expect(watcher.saves).toEqual([]);
    expect((await loadStored(workflowId)).nodes).toEqual([note("a", 30)]);
  });
});
