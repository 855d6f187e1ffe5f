import { describe, expect, it } from "vitest";
import { edgeFromRow, edgeToRow, nodeFromRow, nodeToRow } from "./rows";
import type { WireEdge, WireNode } from "./schemas";

describe("row mapping", () => {
  it("maps a node to its columns and back", () => {
    const node: WireNode = {
      id: "n1",
      type: "note",
      position: { x: 1.5, y: -2 },
      data: { text: "hi" },
      width: 200,
      height: 120,
    };
    const row = nodeToRow(node);
    expect(row).toEqual({
      id: "n1",
      type: "note",
      data: { text: "hi" },
      position_x: 1.5,
      position_y: -2,
      width: 200,
      height: 120,
    });
    expect(nodeFromRow(row)).toEqual(node);
  });

  it("leaves unset sizes out of the wire node and null in the row", () => {
    const node: WireNode = {
      id: "t",
      type: "trigger",
      position: { x: 0, y: 0 },
      data: { label: "Start", input: "{}" },
    };
    expect(nodeToRow(node)).toMatchObject({ width: null, height: null });
    expect(nodeFromRow(nodeToRow(node))).toEqual(node);
  });

  it("maps an edge's handles and data to their columns and back", () => {
    const edge: WireEdge = {
      id: "e1",
      source: "a",
      target: "b",
      sourceHandle: "out",
      targetHandle: null,
      data: { k: 1 },
    };
    const row = edgeToRow(edge);
    expect(row).toEqual({
      id: "e1",
      source: "a",
      target: "b",
      source_handle: "out",
      target_handle: null,
      data: { k: 1 },
    });
    expect(edgeFromRow(row)).toEqual(edge);
    expect(edgeFromRow({ ...row, data: null })).not.toHaveProperty("data");
  });
});
