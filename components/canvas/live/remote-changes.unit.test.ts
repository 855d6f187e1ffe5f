import { describe, expect, it } from "vitest";
import { type ChangePayload, readChange } from "./remote-changes";

const W = "7b0c1a52-8a5e-4a57-9a4e-4c4f1f1f0001";
const nodeRow = {
  workflow_id: W,
  id: "n1",
  type: "note",
  data: { text: "hi" },
  position_x: 10,
  position_y: 20,
  width: null,
  height: null,
  updated_at: "2026-11-28T10:00:00Z",
};
const payload = (
  table: string,
  eventType: ChangePayload["eventType"],
  row: Record<string, unknown>,
): ChangePayload =>
  eventType === "DELETE" ? { table, eventType, new: {}, old: row } : { table, eventType, new: row, old: {} };

describe("readChange", () => {
  it("turns node and edge rows into the graph's wire shape", () => {
    expect(readChange(payload("nodes", "INSERT", nodeRow), W)).toEqual({
      kind: "node",
      id: "n1",
      value: { id: "n1", type: "note", data: { text: "hi" }, position: { x: 10, y: 20 } },
    });
    const edgeRow = {
      workflow_id: W,
      id: "e1",
      source: "a",
      target: "b",
      source_handle: "out",
      target_handle: "in",
      data: null,
    };
    expect(readChange(payload("edges", "UPDATE", edgeRow), W)).toEqual({
      kind: "edge",
      id: "e1",
      value: { id: "e1", source: "a", target: "b", sourceHandle: "out", targetHandle: "in" },
    });
  });

  it("reads a DELETE from the old primary key, and ignores other workflows' rows", () => {
    expect(readChange(payload("nodes", "DELETE", { workflow_id: W, id: "n1" }), W)).toEqual({
      kind: "node",
      id: "n1",
      value: null,
    });
    // Supabase passes DELETEs through column filters.
    expect(readChange(payload("nodes", "DELETE", { workflow_id: "other", id: "n1" }), W)).toBeNull();
    expect(readChange(payload("nodes", "INSERT", { ...nodeRow, workflow_id: "other" }), W)).toBeNull();
  });

  it("reports the workflow's new name, or its deletion", () => {
    expect(readChange(payload("workflows", "UPDATE", { id: W, name: "New name" }), W)).toEqual({
      kind: "workflow",
      name: "New name",
    });
    expect(readChange(payload("workflows", "DELETE", { id: W }), W)).toEqual({
      kind: "workflow",
      name: null,
    });
  });

  it("asks for a reload when a row is cut short (payload too large) or malformed", () => {
    const tooLarge = {
      ...payload("nodes", "UPDATE", { workflow_id: W, id: "n1" }),
      errors: ["Error 413: Payload Too Large"],
    };
    expect(readChange(tooLarge, W)).toEqual({ kind: "unreadable" });
    expect(readChange(payload("nodes", "INSERT", { ...nodeRow, type: "bogus" }), W)).toEqual({
      kind: "unreadable",
    });
  });
});
