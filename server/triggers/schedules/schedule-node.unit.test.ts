import { describe, expect, it } from "vitest";
import { defaultNodeData, type WireNode } from "@/lib/graph/nodes";
import { PlanError, planRun } from "@/server/runs/plan";
import { stepFor } from "@/server/runs/steps";

const schedule = (data: Partial<ReturnType<typeof defaultNodeData<"schedule">>> = {}): WireNode => ({
  id: "s",
  type: "schedule",
  position: { x: 0, y: 0 },
  data: { ...defaultNodeData("schedule"), ...data },
});
const condition: WireNode = {
  id: "c",
  type: "condition",
  position: { x: 200, y: 0 },
  data: { label: "If", expression: "input.scheduledFor != null" },
};
const edge = { id: "e", source: "s", target: "c", sourceHandle: null, targetHandle: null };

describe("the schedule trigger node", () => {
  it("starts a run: the plan begins at it and its step passes the run's input on", async () => {
    const plan = planRun({ nodes: [schedule(), condition], edges: [edge] }, "s", () => "no-server");
    expect(plan.order).toEqual(["s", "c"]);
    const input = { scheduledFor: "2026-12-07T21:00:00.000Z", firedAt: "2026-12-07T21:00:00.412Z" };
    const step = stepFor("schedule");
    const result = await step?.run({
      runId: "r",
      userId: "u",
      node: schedule() as Extract<WireNode, { type: "schedule" }>,
      data: { input, nodes: {} },
      arrived: [],
      signal: new AbortController().signal,
      timeoutMs: 1000,
      tools: { call: async () => ({}) } as never,
    });
    expect(result).toEqual({ input, output: input, handles: ["out"] });
  });

  it("refuses an invalid schedule, naming the node and saying what is wrong", () => {
    const plan = () =>
      planRun(
        { nodes: [schedule({ mode: "cron", expression: "61 * * * *", label: "Nightly" })], edges: [] },
        "s",
        () => "no-server",
      );
    expect(plan).toThrow(PlanError);
    expect(plan).toThrow(/"Nightly" \(s\): "61 \* \* \* \*" is not a valid cron expression/);
    expect(() =>
      planRun({ nodes: [schedule({ timeZone: "Mars/Olympus" })], edges: [] }, "s", () => "no-server"),
    ).toThrow(/"Mars\/Olympus" is not a time zone/);
  });
});
