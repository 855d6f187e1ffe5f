import { describe, expect, it } from "vitest";
import { createRunViewStore } from "./run-view-store";

const row = (node: string, event: "started" | "succeeded" | "failed", seq: number, run = "r1") => ({
  execution_id: run,
  node_id: node,
  event,
  attempt: 1,
  duration_ms: event === "started" ? null : 12,
  seq,
});

describe("the canvas's run view", () => {
  it("shows each node's newest event, whatever order Realtime delivers them in", () => {
    const store = createRunViewStore();
    store.getState().showRun({ id: "r1", status: "running" });
    store.getState().applyStep(row("a", "succeeded", 2));
    store.getState().applyStep(row("a", "started", 1));
    store.getState().applyStep(row("b", "started", 3));
    expect(store.getState().nodes).toEqual({
      a: { status: "succeeded", durationMs: 12, attempt: 1, seq: 2 },
      b: { status: "running", durationMs: null, attempt: 1, seq: 3 },
    });
  });

  it("keeps the rows that arrived before the start answered", () => {
    const store = createRunViewStore();
    store.getState().applyStep(row("t", "succeeded", 2, "r9"));
    store.getState().showRun({ id: "r9", status: "queued" });
    expect(store.getState().nodes.t?.status).toBe("succeeded");
  });

  it("switches to a new run when its first row or its insert arrives, and ignores old runs' updates", () => {
    const store = createRunViewStore();
    store.getState().showRun({ id: "r1", status: "failed" }, [row("a", "failed", 1)]);
    store.getState().applyRun({ id: "r0", status: "succeeded" });
    expect(store.getState().runId).toBe("r1");
    store.getState().applyStep(row("a", "started", 5, "r2"));
    expect(store.getState()).toMatchObject({
      runId: "r2",
      runStatus: "running",
      nodes: { a: { status: "running" } },
    });
    store.getState().applyRun({ id: "r2", status: "succeeded" });
    expect(store.getState().runStatus).toBe("succeeded");
  });

  it("a run's status only moves forward: a late start answer or a stale load never turns a finished run back", () => {
    const store = createRunViewStore();
    // A run that fails within milliseconds: Realtime has told its whole story before runs.start answers.
    store.getState().applyRun({ id: "r1", status: "running" });
    store.getState().applyStep(row("bad", "failed", 2));
    store.getState().applyRun({ id: "r1", status: "failed" });
    store.getState().showRun({ id: "r1", status: "queued" });
    expect(store.getState().runStatus).toBe("failed");
    store.getState().applyRun({ id: "r1", status: "running" });
    store.getState().showRun({ id: "r1", status: "running" }, [row("bad", "started", 1)]);
    expect(store.getState()).toMatchObject({ runStatus: "failed", nodes: { bad: { status: "failed" } } });

    store.getState().showRun({ id: "r2", status: "queued" });
    store.getState().applyRun({ id: "r2", status: "running" });
    expect(store.getState().runStatus).toBe("running");
    store.getState().applyRun({ id: "r2", status: "cancelled" });
    expect(store.getState().runStatus).toBe("cancelled");
  });
});
