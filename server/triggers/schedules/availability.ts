import type { RlsTransaction } from "@/server/platform/db/with-rls";
import { AppError } from "@/server/platform/errors/app-error";
import { scheduleDispatcher } from "./dispatcher";

/**
 * Refuses to activate a workflow with a schedule where nothing would fire it (serverless without
 * Inngest), saying what to configure, rather than activating a schedule that silently never runs.
 */
export async function checkSchedulesCanFire(
  tx: RlsTransaction,
  workflowId: string,
  dispatcher = scheduleDispatcher(),
): Promise<void> {
  if (dispatcher.ready) return;
  const schedules = await tx.node.count({ where: { workflowId, type: "schedule" } });
  if (schedules > 0) throw new AppError("schedules.unavailable", dispatcher.message);
}
