import { InngestTestEngine } from "@inngest/test";
import { afterEach, describe, expect, it } from "vitest";
import { createInngestClient } from "@/server/runs/inngest";
import { setUpOwnerAndIntruder, testPrisma } from "@/test/runs";
import { activeScheduledWorkflow, deactivateAll, scheduleNode, sql } from "@/test/schedules";
import { dispatchDueSlots } from "./due-slots";
import { createScheduleDispatchFunction, DISPATCH_CRON } from "./inngest-function";

const env = setUpOwnerAndIntruder();
const prisma = testPrisma();
afterEach(() => deactivateAll(env.fx.user.id));

const runsOf = (workflowId: string) =>
  sql<{ trigger_node_id: string; trigger_key: string; trigger_kind: string }>(
    "select trigger_node_id, trigger_key, trigger_kind from public.executions where workflow_id = $1 order by trigger_node_id",
    [workflowId],
  );

describe("schedules on Inngest: the cron function that fires due slots", () => {
  it("runs every minute and fires each due slot once, however often it looks", async () => {
    const now = new Date();
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const workflowId = await activeScheduledWorkflow(
      env.fx,
      [scheduleNode("every", { mode: "cron", expression: "* * * * *" })],
      now,
    );
    const fn = createScheduleDispatchFunction(
      createInngestClient({}),
      () => dispatchDueSlots({ now, prisma }),
      () => true,
    );
    expect(DISPATCH_CRON).toBe("TZ=UTC * * * * *");
    const look = () =>
      new InngestTestEngine({ function: fn }).execute({
        events: [{ name: "inngest/scheduled.timer", data: { cron: DISPATCH_CRON } }],
      });
    const { result } = await look();
    // Other test files' active workflows may be due too; this one's run is checked below.
    expect((result as { fired: number }).fired).toBeGreaterThanOrEqual(1);
    await look();
    expect(await runsOf(workflowId)).toEqual([
      { trigger_node_id: "every", trigger_key: minute.toISOString(), trigger_kind: "schedule" },
    ]);
  });

  it("after a gap runs a missed slot once or skips it, and never fires a slot from before the activation", async () => {
    const now = new Date();
    const slot = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 10 * 60_000);
    const at = slot.toISOString().slice(11, 16);
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const workflowId = await activeScheduledWorkflow(
      env.fx,
      [
        scheduleNode("once", { mode: "daily", at, missed: "run-once" }),
        scheduleNode("skip", { mode: "daily", at, missed: "skip" }),
      ],
      hourAgo,
    );
    const late = await activeScheduledWorkflow(
      env.fx,
      [scheduleNode("late", { mode: "daily", at, missed: "run-once" })],
      now,
    );
    for (let i = 0; i < 2; i++) await dispatchDueSlots({ now, prisma });
    expect(await runsOf(workflowId)).toEqual([
      { trigger_node_id: "once", trigger_key: slot.toISOString(), trigger_kind: "schedule" },
    ]);
    expect(await runsOf(late)).toEqual([]);
  });

  it("does nothing where the built-in scheduler fires schedules", async () => {
    let dispatched = 0;
    const fn = createScheduleDispatchFunction(
      createInngestClient({}),
      async () => {
        dispatched++;
        return { checked: 0, fired: 0, failed: 0 };
      },
      () => false,
    );
    const { result } = await new InngestTestEngine({ function: fn }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: DISPATCH_CRON } }],
    });
    expect(result).toEqual({ skipped: expect.stringContaining("built-in scheduler") });
    expect(dispatched).toBe(0);
  });
});
