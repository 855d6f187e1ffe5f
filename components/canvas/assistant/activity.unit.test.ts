import { describe, expect, it } from "vitest";
import {
  approvalQuestion,
  describeActivity,
  describeProposal,
  isEditOutcome,
  type ToolPart,
} from "./activity";

const part = (type: string, state: string, extra: Partial<ToolPart> = {}): ToolPart => ({
  type,
  toolCallId: "c1",
  state,
  ...extra,
});

describe("the assistant's tool activity", () => {
  it("asks before a run, with the input it would use, and before deleting many nodes", () => {
    expect(
      approvalQuestion(part("tool-run_workflow", "approval-requested", { input: { input: { b: 2 } } })),
    ).toEqual({
      question: 'Trymate wants to run the workflow with the input {"b":2}. Run it?',
      yes: "Run",
      no: "Do not run",
    });
    expect(approvalQuestion(part("tool-run_workflow", "approval-requested", { input: {} })).question).toBe(
      "Trymate wants to run the workflow. Run it?",
    );
    expect(
      approvalQuestion(
        part("tool-delete_nodes", "approval-requested", { input: { nodeIds: ["a", "b", "c", "d"] } }),
      ).question,
    ).toBe("Trymate wants to delete 4 nodes. Delete them?");
  });

  it("shows a run's outcome, which carries no diff to apply to the canvas", () => {
    const ran = part("tool-run_workflow", "output-available", {
      output: { ok: true, summary: "ran the workflow: failed at sum", run: {} },
    });
    expect(describeActivity(ran)).toEqual({ text: "ran the workflow: failed at sum", tone: "done" });
    expect(isEditOutcome(ran.output)).toBe(false);
    const refused = part("tool-run_workflow", "output-available", {
      output: { ok: false, error: "Add a trigger node to run this workflow." },
    });
    expect(describeActivity(refused)).toEqual({
      text: "could not run the workflow: Add a trigger node to run this workflow.",
      tone: "failed",
    });
    expect(describeActivity(part("tool-read_run_logs", "input-available"))).toEqual({
      text: "read the run's log…",
      tone: "working",
    });
    expect(isEditOutcome({ ok: true, summary: "added", diff: {}, proposed: false })).toBe(true);
  });
});

describe("a proposal in words", () => {
  const node = { id: "n", type: "note", position: { x: 0, y: 0 }, data: { text: "" } } as const;
  it("counts in the singular and the plural, never 'change(s)'", () => {
    expect(describeProposal({ upsertNodes: [node], deleteNodes: [], upsertEdges: [], deleteEdges: [] })).toBe(
      "Proposed: 1 node to add or change. Nothing is saved yet.",
    );
    expect(
      describeProposal({
        upsertNodes: [node, { ...node, id: "m" }],
        deleteNodes: ["x"],
        upsertEdges: [{ id: "e", source: "n", target: "m", sourceHandle: null, targetHandle: null }],
        deleteEdges: [],
      }),
    ).toBe("Proposed: 2 nodes to add or change, 1 node to delete, 1 connection. Nothing is saved yet.");
  });
});
