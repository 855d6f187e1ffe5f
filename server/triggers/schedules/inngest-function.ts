import type { Inngest } from "inngest";
import { scheduleDispatcher } from "./dispatcher";
import { dispatchDueSlots } from "./due-slots";

/** Every minute, in UTC (each schedule's own time zone is applied to its slots). */
export const DISPATCH_CRON = "TZ=UTC * * * * *";

/**
 * Schedules on a serverless deployment: Inngest calls this function every minute and it fires the
 * slots that came due. Where the built-in scheduler (pg-boss) runs, it does nothing.
 */
export function createScheduleDispatchFunction(
  inngest: Inngest,
  dispatch: () => ReturnType<typeof dispatchDueSlots> = () => dispatchDueSlots(),
  active: () => boolean = () => scheduleDispatcher().kind === "inngest",
) {
  return inngest.createFunction(
    { id: "dispatch-schedules", retries: 1, concurrency: 1, triggers: [{ cron: DISPATCH_CRON }] },
    async ({ step }) => {
      if (!active()) return { skipped: "the built-in scheduler fires schedules here" };
      return step.run("fire-due-slots", () => dispatch());
    },
  );
}
