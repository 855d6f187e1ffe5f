import { slotAtOrBefore } from "@/lib/triggers/schedule";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { withPrivilegedDb } from "@/server/platform/db/privileged";
import { AppError } from "@/server/platform/errors/app-error";
import { type RunsDeps, startRun } from "@/server/runs";
import { ownerDb } from "./owner-db";
import { registrationOf, type ScheduleJobData } from "./registrations";

export type FireResult =
  | { fired: true; runId: string | null; repeated: boolean; scheduledFor: string }
  | { fired: false; reason: string };

/** Refusals that a later try would meet again: the fire is dropped with a log line, not retried. */
const FINAL_REFUSALS = new Set([
  "runs.invalid_plan",
  "runs.no_trigger",
  "workflow.not_found",
  "runs.invalid_input",
]);

/**
 * Starts the run of one schedule slot. The slot is the schedule's latest fire time at or before the
 * moment the scheduler sent the fire (`sentAt`), and it is the run's trigger key: however often a
 * slot is delivered (two scheduler processes, a retried job), it is one run. Fires of a workflow no
 * longer active, of a node deleted or changed since it was registered, are dropped.
 */
export async function fireScheduledSlot(
  job: ScheduleJobData,
  sentAt: Date,
  options: { prisma?: PrismaClient; runs?: RunsDeps; now?: () => Date } = {},
): Promise<FireResult> {
  const found = await withPrivilegedDb(
    "schedules",
    async (tx) => ({
      activation: await tx.workflowActivation.findUnique({
        where: { workflowId: job.workflowId },
        select: { userId: true },
      }),
      node: await tx.node.findUnique({
        where: { workflowId_id: { workflowId: job.workflowId, id: job.nodeId } },
        select: { type: true, data: true },
      }),
    }),
    { prisma: options.prisma },
  );
  if (!found.activation) return { fired: false, reason: "the workflow is not active" };
  if (found.node?.type !== "schedule") return { fired: false, reason: "the schedule node is gone" };
  const current = registrationOf(job.workflowId, job.nodeId, found.node.data);
  if (current?.data.expression !== job.expression || current.data.timeZone !== job.timeZone)
    return { fired: false, reason: "the schedule changed since it was registered" };

  const slot = slotAtOrBefore(job.expression, job.timeZone, sentAt);
  if (!slot) return { fired: false, reason: "the schedule has no fire time before this one" };
  const scheduledFor = slot.toISOString();
  const userId = found.activation.userId;
  const firedAt = (options.now?.() ?? new Date()).toISOString();
  try {
    const started = await startRun(
      ownerDb(userId),
      userId,
      {
        workflowId: job.workflowId,
        triggerNodeId: job.nodeId,
        input: JSON.stringify({ scheduledFor, firedAt }),
        trigger: { kind: "schedule", key: scheduledFor },
      },
      options.runs,
    );
    return { fired: true, runId: started.id, repeated: started.repeated, scheduledFor };
  } catch (error) {
    if (error instanceof AppError && FINAL_REFUSALS.has(error.code))
      return { fired: false, reason: `${error.code}: ${error.message}` };
    throw error;
  }
}
