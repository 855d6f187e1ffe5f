import { slotAtOrBefore } from "@/lib/triggers/schedule";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { withPrivilegedDb } from "@/server/platform/db/privileged";
import { type FireResult, fireScheduledSlot } from "./fire";
import { registrationOf } from "./registrations";

/** How long a slot stays due for a schedule that skips missed slots: a cron tick late by this much still fires it. */
const DUE_FOR_MS = 2 * 60_000;
/** A slot this close before the activation still fires (as on pg-boss, where a slot is due for a minute). */
const BEFORE_ACTIVATION_MS = 60_000;

export type DispatchReport = { checked: number; fired: number; failed: number };

/**
 * Fires every due slot once, for a scheduler that looks now and then (Inngest's cron function, every
 * minute). Each active workflow's schedule node is due its latest slot at or before `now` unless a
 * run has it already, the slot is older than the activation, or the node skips missed slots and the
 * slot is stale (the looks stopped for a while: a deployment that was down). A node that runs a
 * missed slot once gets only its latest one. The slot is the run's key, so two looks that overlap
 * still make one run.
 */
export async function dispatchDueSlots(
  options: { now?: Date; prisma?: PrismaClient; fire?: typeof fireScheduledSlot } = {},
): Promise<DispatchReport> {
  const now = options.now ?? new Date();
  const fire = options.fire ?? fireScheduledSlot;
  const nodes = await withPrivilegedDb(
    "schedules",
    (tx) =>
      tx.node.findMany({
        where: { type: "schedule", workflow: { activation: { isNot: null } } },
        select: {
          workflowId: true,
          id: true,
          data: true,
          workflow: { select: { activation: { select: { activatedAt: true } } } },
        },
      }),
    { prisma: options.prisma },
  );
  const report: DispatchReport = { checked: nodes.length, fired: 0, failed: 0 };
  for (const node of nodes) {
    const registration = registrationOf(node.workflowId, node.id, node.data);
    const activatedAt = node.workflow.activation?.activatedAt;
    if (!registration || !activatedAt) continue;
    const slot = slotAtOrBefore(registration.data.expression, registration.data.timeZone, now);
    if (!slot || slot.getTime() < activatedAt.getTime() - BEFORE_ACTIVATION_MS) continue;
    if (registration.missed === "skip" && now.getTime() - slot.getTime() > DUE_FOR_MS) continue;
    if (await hasRun(node.workflowId, node.id, slot.toISOString(), options.prisma)) continue;
    let result: FireResult;
    try {
      result = await fire(registration.data, now, { prisma: options.prisma });
    } catch (error) {
      report.failed++;
      console.error(`[schedules] slot of ${node.workflowId}/${node.id} failed: ${(error as Error).message}`);
      continue;
    }
    if (result.fired && !result.repeated) report.fired++;
  }
  return report;
}

function hasRun(workflowId: string, nodeId: string, key: string, prisma?: PrismaClient): Promise<boolean> {
  return withPrivilegedDb(
    "schedules",
    async (tx) =>
      (await tx.execution.count({ where: { workflowId, triggerNodeId: nodeId, triggerKey: key } })) > 0,
    { prisma },
  );
}
