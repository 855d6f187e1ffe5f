import { describe, expect, it } from "vitest";
import type { WireNode } from "@/lib/graph/schemas";
import { createLedger } from "./ledger";

const note = (id: string, x: number, text = ""): WireNode => ({
  id,
  type: "note",
  position: { x, y: 0 },
  data: { text },
});
const diffOf = (node: WireNode) => ({
  upsertNodes: [node],
  deleteNodes: [],
  upsertEdges: [],
  deleteEdges: [],
});

describe("ledger", () => {
  it("applies a remote change to an item the canvas has not touched", () => {
    const ledger = createLedger({ nodes: [note("a", 0)], edges: [] });
    expect(ledger.receive("node", "a", note("a", 50), note("a", 0), false)).toBe("apply");
    expect(ledger.stored("node", "a")).toEqual(note("a", 50));
  });

  it("keeps a local edit (or a drag) over a remote change, and records what is stored", () => {
    const ledger = createLedger({ nodes: [note("a", 0), note("b", 0)], edges: [] });
    expect(ledger.receive("node", "a", note("a", 50), note("a", 10), false)).toBe("keep-local");
    expect(ledger.receive("node", "b", note("b", 50), note("b", 0), true)).toBe("keep-local");
    expect(ledger.stored("node", "a")).toEqual(note("a", 50));
  });

  it("knows its own save's echo, before and after the save returns, whatever jsonb's key order", () => {
    const ledger = createLedger({ nodes: [note("a", 0)], edges: [] });
    const mine = note("a", 20, "x");
    ledger.beginSave(diffOf(mine));
    // Another write of `a` that committed before this tab's: overwritten by it, so ignored.
    expect(ledger.receive("node", "a", note("a", 99), note("a", 30, "x"), false)).toBe("same");
    const reordered = { data: { text: "x" }, position: { y: 0, x: 20 }, type: "note", id: "a" } as WireNode;
    expect(ledger.receive("node", "a", reordered, note("a", 30, "x"), true)).toBe("same");
    ledger.saveSucceeded(diffOf(mine));
    expect(ledger.stored("node", "a")).toEqual(reordered);
    // A later change by someone else is shown once the canvas holds nothing newer.
    expect(ledger.receive("node", "a", note("a", 70), note("a", 20, "x"), false)).toBe("apply");
  });

  it("a deleted node takes its edges out of what is stored", () => {
    const ledger = createLedger({
      nodes: [note("a", 0), note("b", 0)],
      edges: [{ id: "e", source: "a", target: "b", sourceHandle: null, targetHandle: null }],
    });
    expect(ledger.receive("node", "a", null, note("a", 0), false)).toBe("apply");
    expect(ledger.graph().edges).toEqual([]);
  });

  it("a failed save leaves the baseline as it was", () => {
    const ledger = createLedger({ nodes: [note("a", 0)], edges: [] });
    ledger.beginSave(diffOf(note("a", 5)));
    ledger.saveFailed();
    expect(ledger.stored("node", "a")).toEqual(note("a", 0));
    expect(ledger.isSaving()).toBe(false);
  });
});
