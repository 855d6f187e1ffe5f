import { createHash } from "node:crypto";
import { NODE_SPECS } from "@/lib/graph/nodes";
import { cronOf, previewSchedule, scheduleSpecOf } from "@/lib/triggers/schedule";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { withPrivilegedDb } from "@/server/platform/db/privileged";

/** What a registered schedule's jobs carry: enough to find the node and to tell a stale registration. */
export type ScheduleJobData = {
  workflowId: string;
  nodeId: string;
  expression: string;
  timeZone: string;
};

/** One schedule node of an active workflow, as the scheduler registers it. */
export type Registration = {
  key: string;
  data: ScheduleJobData;
  missed: "once" | "skip";
};

/** The scheduler's key of a node: the workflow and a digest of the node id (keys allow few characters). */
export function registrationKey(workflowId: string, nodeId: string): string {
  return `${workflowId}.${createHash("sha256").update(nodeId).digest("hex").slice(0, 24)}`;
}

export function workflowOfKey(key: string): string {
  return key.split(".")[0] ?? "";
}

/**
 * The schedules that should be registered: every schedule node of every active workflow (or of
 * one workflow), with a valid schedule. Activation refuses an invalid one; a later edit that makes
 * it invalid unregisters it until it is fixed.
 */
export async function wantedRegistrations(
  options: { workflowId?: string; prisma?: PrismaClient } = {},
): Promise<Registration[]> {
  const nodes = await withPrivilegedDb(
    "schedules",
    (tx) =>
      tx.node.findMany({
        where: {
          type: "schedule",
          ...(options.workflowId ? { workflowId: options.workflowId } : {}),
          workflow: { activation: { isNot: null } },
        },
        select: { workflowId: true, id: true, data: true },
      }),
    { prisma: options.prisma },
  );
  return nodes.flatMap((node) => {
    const registration = registrationOf(node.workflowId, node.id, node.data);
    return registration ? [registration] : [];
  });
}

/** A stored schedule node's registration, or null when its data is not a valid schedule. */
export function registrationOf(workflowId: string, nodeId: string, stored: unknown): Registration | null {
  const parsed = NODE_SPECS.schedule.data.safeParse(stored);
  if (!parsed.success) return null;
  const spec = scheduleSpecOf(parsed.data);
  const cron = cronOf(spec);
  if (!cron.ok || !previewSchedule(spec).ok) return null;
  return {
    key: registrationKey(workflowId, nodeId),
    data: { workflowId, nodeId, expression: cron.expression, timeZone: spec.timeZone },
    missed: parsed.data.missed === "run-once" ? "once" : "skip",
  };
}
