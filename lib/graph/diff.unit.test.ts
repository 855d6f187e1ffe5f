import { describe, expect, it } from "vitest";
import { applyGraphDiff, computeGraphDiff, isEmptyDiff } from "./diff";
import type { WireGraph, WireNode } from "./schemas";

const note = (id: string, text = "", x = 0): WireNode => ({
  id,
  type: "note",
  position: { x, y: 0 },
  data: { text },
});

describe("computeGraphDiff", () => {
  const before: WireGraph = {
    nodes: [note("a"), note("b"), note("c")],
    edges: [],
    viewport: { x: 0, y: 0, zoom: 1 },
  };

  it("is empty for equal graphs", () => {
    expect(isEmptyDiff(computeGraphDiff(before, structuredClone(before)))).toBe(true);
  });

  it("lists changed, new and removed items and a moved viewport", () => {
    const after: WireGraph = {
      nodes: [note("a", "changed"), note("c", "", 5), note("d")],
      edges: [],
      viewport: { x: 10, y: 0, zoom: 1 },
    };
    const diff = computeGraphDiff(before, after);
    expect(diff.upsertNodes.map((n) => n.id)).toEqual(["a", "c", "d"]);
    expect(diff.deleteNodes).toEqual(["b"]);
    expect(diff.viewport).toEqual({ x: 10, y: 0, zoom: 1 });
    expect(applyGraphDiff(before, diff)).toEqual(after);
  });
});
