import type { PrismaClient } from "@/server/platform/db/generated/client";
import { withPrivilegedDb } from "@/server/platform/db/privileged";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes runs that finished more than `days` ago, their step logs with them (on delete cascade).
 * Runs still queued or running are kept whatever their age. For the scheduled retention job.
 */
export async function deleteOldRuns(options: {
  days: number;
  now?: Date;
  prisma?: PrismaClient;
}): Promise<{ runs: number; before: Date }> {
  const before = new Date((options.now ?? new Date()).getTime() - options.days * DAY_MS);
  const { count } = await withPrivilegedDb(
    "runs",
    (tx) =>
      tx.execution.deleteMany({
        where: { status: { in: ["succeeded", "failed", "cancelled"] }, startedAt: { lt: before } },
      }),
    { prisma: options.prisma, timeout: 60_000 },
  );
  return { runs: count, before };
}
