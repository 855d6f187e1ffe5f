import { describe, expect, it } from "vitest";
import type { AppNode } from "@/lib/graph/nodes";
import type { GraphDiff } from "@/lib/graph/schemas";
import { createAutosave, type SaveStatus } from "./autosave";
import { mergeRemoteChanges } from "./live/remote-merge";
import { createCanvasStore } from "./store";

const note = (id: string, text = ""): AppNode => ({
  id,
  type: "note",
  position: { x: 0, y: 0 },
  data: { text },
});
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup(failTimes: number, retry = true) {
  const store = createCanvasStore({ nodes: [note("a")], edges: [] });
  const sent: GraphDiff[] = [];
  const statuses: SaveStatus["kind"][] = [];
  let failuresLeft = failTimes;
  const autosave = createAutosave({
    store,
    stored: {
      nodes: [{ id: "a", type: "note", position: { x: 0, y: 0 }, data: { text: "" } }],
      edges: [],
      viewport: { x: 0, y: 0, zoom: 1 },
    },
    save: async (diff) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error("Failed to fetch");
      }
      sent.push(diff);
    },
    classify: (error) => ({ retry, message: String(error) }),
    onStatus: (s) => statuses.push(s.kind),
    debounceMs: 5,
  });
  return { store, sent, statuses, autosave };
}

describe("autosave", () => {
  it("sends one diff after a burst of changes", async () => {
    const { store, sent, autosave } = setup(0);
    store.getState().updateNodeData("a", { text: "h" }, "text");
    store.getState().updateNodeData("a", { text: "hi" }, "text");
    store.getState().applyLocalChange((g) => ({ ...g, nodes: [...g.nodes, note("b")] }));
    await wait(30);
    await autosave.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.upsertNodes.map((n) => n.id)).toEqual(["a", "b"]);
    expect(autosave.hasUnsavedChanges()).toBe(false);
    autosave.dispose();
  });

  it("loses nothing when saves fail, and reports offline then saved", async () => {
    const { store, sent, statuses, autosave } = setup(1);
    store.getState().updateNodeData("a", { text: "one" }, "text");
    await wait(20);
    expect(statuses).toContain("offline");
    store.getState().applyLocalChange((g) => ({ ...g, nodes: [...g.nodes, note("c")] }));
    autosave.retryNow();
    await wait(30);
    await autosave.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.upsertNodes.map((n) => n.id)).toEqual(["a", "c"]);
    expect(statuses.at(-1)).toBe("saved");
    autosave.dispose();
  });

  it("does not send remote changes back, nor put them in undo history", async () => {
    const { store, sent, autosave } = setup(0);
    const remote = { id: "remote", type: "note", position: { x: 5, y: 5 }, data: { text: "r" } } as const;
    mergeRemoteChanges(store, autosave.ledger, [{ kind: "node", id: "remote", value: remote }], null);
    expect(store.getState().nodes.map((n) => n.id)).toEqual(["a", "remote"]);
    await wait(20);
    await autosave.flush();
    expect(sent).toEqual([]);
    expect(store.getState().past).toEqual([]);
    autosave.dispose();
  });

  it("an echo of its own save that arrives before the save returns changes nothing", async () => {
    const { store, sent, autosave } = setup(0);
    store.getState().updateNodeData("a", { text: "mine" }, "text");
    let echo: (() => void) | undefined;
    const saving = new Promise<void>((resolve) => {
      echo = () => {
        const value = { id: "a", type: "note", position: { x: 0, y: 0 }, data: { text: "mine" } } as const;
        mergeRemoteChanges(store, autosave.ledger, [{ kind: "node", id: "a", value }], null);
        resolve();
      };
    });
    const flushed = autosave.flush();
    echo?.();
    await saving;
    await flushed;
    expect(sent).toHaveLength(1);
    expect(autosave.hasUnsavedChanges()).toBe(false);
    autosave.dispose();
  });

  it("holds saves while a task reads the database, and sends what changed meanwhile afterwards", async () => {
    const { store, sent, autosave } = setup(0);
    let finishTask = () => {};
    const task = autosave.withSavesHeld(
      () =>
        new Promise<string>((resolve) => {
          finishTask = () => resolve("loaded");
        }),
    );
    store.getState().updateNodeData("a", { text: "typed while loading" }, "text");
    await wait(30);
    const flushed = autosave.flush();
    await wait(30);
    expect(sent).toEqual([]);
    expect(autosave.status().kind).toBe("pending");

    finishTask();
    expect(await task).toBe("loaded");
    await flushed;
    expect(sent).toHaveLength(1);
    expect(sent[0]?.upsertNodes.map((n) => n.data)).toEqual([{ text: "typed while loading" }]);
    expect(autosave.status().kind).toBe("saved");
    autosave.dispose();
  });

  it("a held task starts only after the save in flight has returned", async () => {
    const store = createCanvasStore({ nodes: [note("a")], edges: [] });
    const events: string[] = [];
    const autosave = createAutosave({
      store,
      stored: { nodes: [{ id: "a", type: "note", position: { x: 0, y: 0 }, data: { text: "" } }], edges: [] },
      save: async () => {
        events.push("save sent");
        await wait(30);
        events.push("save returned");
      },
      classify: (error) => ({ retry: false, message: String(error) }),
      onStatus: () => {},
      debounceMs: 5,
    });
    store.getState().updateNodeData("a", { text: "x" }, "text");
    const flushed = autosave.flush();
    await autosave.withSavesHeld(async () => {
      events.push("task");
    });
    await flushed;
    expect(events).toEqual(["save sent", "save returned", "task"]);
    autosave.dispose();
  });
});
