import { describe, expect, it } from "vitest";
import { createLedger } from "@/components/canvas/ledger";
import { createCanvasStore, documentGraph } from "@/components/canvas/store";
import type { AppNode } from "@/lib/graph/nodes";
import type { WireEdge, WireNode } from "@/lib/graph/schemas";
import { changesToReach, type Motion, mergeRemoteChanges } from "./remote-merge";

const wire = (id: string, x: number): WireNode => ({
  id,
  type: "note",
  position: { x, y: 0 },
  data: { text: id },
});
const app = (id: string, x: number): AppNode => ({
  id,
  type: "note",
  position: { x, y: 0 },
  data: { text: id },
});
const edge: WireEdge = { id: "e", source: "a", target: "b", sourceHandle: null, targetHandle: null };
const motion: Motion = {
  enter: "in",
  exit: "out",
  draw: "draw",
  flash: "flash",
  glideMs: 30,
  enterMs: 40,
  exitMs: 30,
};
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup() {
  const store = createCanvasStore({ nodes: [app("a", 0)], edges: [] });
  const ledger = createLedger({ nodes: [wire("a", 0)], edges: [] });
  return { store, ledger };
}

describe("remote merge", () => {
  it("adds, moves and deletes without touching undo history, and rebases the history", () => {
    const { store, ledger } = setup();
    store.getState().applyLocalChange((g) => ({ ...g, nodes: [...g.nodes, app("local", 0)] }));
    ledger.receive("node", "local", wire("local", 0), undefined, false);
    mergeRemoteChanges(
      store,
      ledger,
      [
        { kind: "node", id: "b", value: wire("b", 100) },
        { kind: "edge", id: "e", value: edge },
        { kind: "node", id: "a", value: wire("a", 40) },
      ],
      null,
    );
    const s = store.getState();
    expect(s.nodes.map((n) => [n.id, n.position.x])).toEqual([
      ["a", 40],
      ["local", 0],
      ["b", 100],
    ]);
    expect(s.edges.map((e) => e.id)).toEqual(["e"]);
    expect(s.past).toHaveLength(1);
    // Undoing the local add keeps what arrived from elsewhere.
    s.undo();
    expect(store.getState().nodes.map((n) => n.id)).toEqual(["a", "b"]);
    expect(store.getState().edges.map((e) => e.id)).toEqual(["e"]);
  });

  it("never moves a node the user is dragging", () => {
    const { store, ledger } = setup();
    store.setState({ nodes: [app("a", 5)] });
    store.getState().beginDrag([{ id: "a" }]);
    const { keptLocal } = mergeRemoteChanges(
      store,
      ledger,
      [{ kind: "node", id: "a", value: wire("a", 300) }],
      null,
    );
    expect(keptLocal).toBe(true);
    expect(store.getState().nodes[0]?.position.x).toBe(5);
  });

  it("animates: a move glides (stored position is the target at once), new items get their classes, a deleted node fades out", async () => {
    const { store, ledger } = setup();
    mergeRemoteChanges(store, ledger, [{ kind: "node", id: "a", value: wire("a", 200) }], motion);
    expect(store.getState().nodes[0]?.position.x).toBe(0);
    expect(documentGraph(store.getState()).nodes[0]?.position.x).toBe(200);
    await wait(80);
    expect(store.getState().nodes[0]?.position.x).toBe(200);
    expect(store.getState().gliding).toEqual({});

    mergeRemoteChanges(
      store,
      ledger,
      [
        { kind: "node", id: "b", value: wire("b", 0) },
        { kind: "edge", id: "e", value: edge },
      ],
      motion,
    );
    expect(store.getState().nodes.find((n) => n.id === "b")?.className).toBe("in");
    expect(store.getState().edges[0]?.className).toBe("draw");
    await wait(60);
    expect(store.getState().nodes.find((n) => n.id === "b")?.className).toBeUndefined();

    mergeRemoteChanges(store, ledger, [{ kind: "node", id: "b", value: null }], motion);
    expect(store.getState().nodes.find((n) => n.id === "b")?.className).toBe("out");
    expect(documentGraph(store.getState()).nodes.map((n) => n.id)).toEqual(["a"]);
    expect(documentGraph(store.getState()).edges).toEqual([]);
    await wait(60);
    expect(store.getState().nodes.map((n) => n.id)).toEqual(["a"]);
    expect(store.getState().edges).toEqual([]);
  });

  it("after a reconnect, reaches the stored graph but keeps unsaved local edits", () => {
    const { store, ledger } = setup();
    store.getState().applyLocalChange((g) => ({ ...g, nodes: [...g.nodes, app("unsaved", 0)] }));
    const server = { nodes: [wire("a", 70), wire("c", 0)], edges: [] };
    mergeRemoteChanges(store, ledger, changesToReach(ledger, server), null);
    expect(store.getState().nodes.map((n) => [n.id, n.position.x])).toEqual([
      ["a", 70],
      ["unsaved", 0],
      ["c", 0],
    ]);
    expect(changesToReach(ledger, server)).toEqual([]);
  });

  it("an item changed twice in one batch ends as its last change (an add then a delete leaves nothing)", () => {
    const { store, ledger } = setup();
    mergeRemoteChanges(
      store,
      ledger,
      [
        { kind: "node", id: "late", value: wire("late", 0) },
        { kind: "node", id: "late", value: null },
        { kind: "node", id: "a", value: wire("a", 10) },
        { kind: "node", id: "a", value: wire("a", 20) },
      ],
      null,
    );
    expect(store.getState().nodes.map((n) => [n.id, n.position.x])).toEqual([["a", 20]]);
    expect(ledger.graph().nodes.map((n) => [n.id, n.position.x])).toEqual([["a", 20]]);
  });
});
