import { describe, expect, it } from "vitest";
import type { AppNode } from "@/lib/graph/nodes";
import { createCanvasStore } from "./store";

const trigger: AppNode = {
  id: "t",
  type: "trigger",
  position: { x: 0, y: 0 },
  data: { label: "t", input: "{}" },
};
const tool: AppNode = {
  id: "p",
  type: "protocol",
  position: { x: 0, y: 0 },
  data: { label: "p", serverId: null, tool: null, args: "{}" },
};

describe("canvas store", () => {
  it("connects only fitting handles, once, never a node to itself", () => {
    const store = createCanvasStore({ nodes: [trigger, tool], edges: [] });
    const s = () => store.getState();
    expect(s().canConnect({ source: "p", target: "p", sourceHandle: "out", targetHandle: "in" })).toBe(false);
    expect(s().canConnect({ source: "p", target: "t", sourceHandle: "out", targetHandle: "in" })).toBe(false);
    s().connect({ source: "t", target: "p", sourceHandle: "out", targetHandle: "in" });
    s().connect({ source: "t", target: "p", sourceHandle: "out", targetHandle: "in" });
    expect(s().edges).toHaveLength(1);
  });

  it("undoes and redoes local changes; typing in one field is one step", () => {
    const store = createCanvasStore({ nodes: [trigger], edges: [] });
    const s = () => store.getState();
    s().updateNodeData("t", { label: "a" }, "label");
    s().updateNodeData("t", { label: "ab" }, "label");
    s().applyLocalChange((g) => ({ ...g, nodes: [...g.nodes, tool] }));
    s().undo();
    expect(s().nodes.map((n) => n.id)).toEqual(["t"]);
    s().undo();
    expect(s().nodes[0]?.data).toEqual({ label: "t", input: "{}" });
    s().redo();
    s().redo();
    expect(s().nodes.map((n) => n.id)).toEqual(["t", "p"]);
  });

  it("deleteSelection removes selected nodes with their edges, undoably", () => {
    const store = createCanvasStore({
      nodes: [trigger, { ...tool, selected: true }],
      edges: [{ id: "e", source: "t", target: "p", sourceHandle: "out", targetHandle: "in" }],
    });
    store.getState().deleteSelection();
    expect(store.getState().nodes.map((n) => n.id)).toEqual(["t"]);
    expect(store.getState().edges).toEqual([]);
    store.getState().undo();
    expect(store.getState().edges).toHaveLength(1);
  });
});
