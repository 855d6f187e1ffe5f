import type { PrismaClient } from "@/server/platform/db/generated/client";
import { withPrivilegedDb } from "@/server/platform/db/privileged";

/** Writes a workflow's activation row (owners may only read it: activating must go through validation). */
export async function writeActivation(
  change: { workflowId: string; userId: string; active: boolean },
  prisma?: PrismaClient,
): Promise<void> {
  await withPrivilegedDb(
    "triggers",
    async (tx) => {
      if (!change.active) {
        await tx.workflowActivation.deleteMany({ where: { workflowId: change.workflowId } });
        return;
      }
      await tx.workflowActivation.upsert({
        where: { workflowId: change.workflowId },
        create: { workflowId: change.workflowId, userId: change.userId },
        update: {},
      });
    },
    { prisma },
  );
}
