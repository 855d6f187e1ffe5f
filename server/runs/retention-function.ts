import type { Inngest } from "inngest";
import { deleteOldRuns } from "./retention";

/** Every day at 03:00 UTC on Inngest, where no process of the app stays up to run the job itself. */
export const RETENTION_CRON = "TZ=UTC 0 3 * * *";

export function createRetentionFunction(inngest: Inngest, days: () => number, remove = deleteOldRuns) {
  return inngest.createFunction(
    { id: "delete-old-runs", retries: 2, triggers: [{ cron: RETENTION_CRON }] },
    async ({ step }) =>
      step.run("delete", async () => {
        const { runs, before } = await remove({ days: days() });
        return { runs, before: before.toISOString() };
      }),
  );
}
