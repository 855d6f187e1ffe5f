import { afterEach, describe, expect, it } from "vitest";
import { defaultNodeData, type WireNode } from "@/lib/graph/nodes";
import { graphOf as g, saveGraphRows, setUpOwnerAndIntruder } from "@/test/runs";
import { callerWithClaims, trpcError } from "@/test/trpc";
import { SERVERLESS_WITHOUT_SCHEDULER, scheduleDispatcher, schedulerPollSeconds } from "./dispatcher";

const env = setUpOwnerAndIntruder();
const saved = { ...process.env };
afterEach(() => {
  for (const name of ["VERCEL", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const schedule: WireNode = {
  id: "s",
  type: "schedule",
  position: { x: 0, y: 0 },
  data: { ...defaultNodeData("schedule"), mode: "every", minutes: 5 },
};

describe("where schedules fire", () => {
  it("picks pg-boss on a long-running server, Inngest's cron on serverless with Inngest, and nobody otherwise", () => {
    expect(scheduleDispatcher({})).toEqual({ ready: true, kind: "pg-boss" });
    expect(scheduleDispatcher({ INNGEST_DEV: "1" })).toEqual({ ready: true, kind: "pg-boss" });
    expect(scheduleDispatcher({ VERCEL: "1", INNGEST_EVENT_KEY: "e", INNGEST_SIGNING_KEY: "s" })).toEqual({
      ready: true,
      kind: "inngest",
    });
    expect(scheduleDispatcher({ VERCEL: "1" })).toEqual({
      ready: false,
      kind: null,
      message: SERVERLESS_WITHOUT_SCHEDULER,
    });
    expect(schedulerPollSeconds({})).toBe(30);
    expect(schedulerPollSeconds({ TRYLIATE_SCHEDULER_POLL_SECONDS: "2" })).toBe(2);
    expect(() => schedulerPollSeconds({ TRYLIATE_SCHEDULER_POLL_SECONDS: "60" })).toThrow(/1 to 45/);
  });

  it("refuses to activate a schedule on serverless without Inngest, saying what to configure", async () => {
    await saveGraphRows(
      env.fx.workflowId,
      [schedule, g.tool("echo", env.fx.serverId, "echo", { message: "tick" })],
      [g.edge("s", "echo")],
    );
    const api = callerWithClaims(env.fx.user.claims);
    process.env.VERCEL = "1";
    delete process.env.INNGEST_EVENT_KEY;
    const refused = await trpcError(api.triggers.setActive({ workflowId: env.fx.workflowId, active: true }));
    expect([refused.code, refused.message]).toEqual(["PRECONDITION_FAILED", SERVERLESS_WITHOUT_SCHEDULER]);
    expect(await api.triggers.activation({ workflowId: env.fx.workflowId })).toMatchObject({ active: false });

    process.env.INNGEST_EVENT_KEY = "event-key";
    process.env.INNGEST_SIGNING_KEY = "signkey-test-00";
    expect(await api.triggers.setActive({ workflowId: env.fx.workflowId, active: true })).toMatchObject({
      active: true,
    });
  });

  it("still activates a workflow without schedules there (only schedules need a scheduler)", async () => {
    const workflowId = env.fx.workflowId;
    await saveGraphRows(
      workflowId,
      [g.trigger(), g.tool("echo", env.fx.serverId, "echo", { message: "x" })],
      [g.edge("t", "echo")],
    );
    process.env.VERCEL = "1";
    const api = callerWithClaims(env.fx.user.claims);
    expect(await api.triggers.setActive({ workflowId, active: true })).toMatchObject({ active: true });
  });
});
