import type { PrismaClient } from "@/server/platform/db/generated/client";
import { inlineSql } from "@/server/platform/db/inline-sql";
import { privilegedStatement } from "@/server/platform/db/privileged";

export type FinishedRun = { id: string; status: string; error: string | null };

/**
 * Waits for a run to end, reading its row (so it works whatever engine runs it, in any process):
 * quickly at first, then less often. Null when it is still going at the deadline.
 */
export async function waitForRun(
  run: { id: string | null; requestId: string },
  timeoutMs: number,
  prisma?: PrismaClient,
): Promise<FinishedRun | null> {
  const deadline = Date.now() + timeoutMs;
  let pause = 5;
  for (;;) {
    const { rows } = await privilegedStatement<FinishedRun>(
      "webhooks",
      run.id
        ? inlineSql`select id, status, error from public.executions where id = ${run.id}`
        : inlineSql`select id, status, error from public.executions where request_id = ${run.requestId} limit 1`,
      prisma ? { prisma } : {},
    );
    const row = rows[0];
    if (row && ["succeeded", "failed", "cancelled"].includes(row.status)) return row;
    const left = deadline - Date.now();
    if (left <= 0) return null;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
    pause = Math.min(pause * 2, 100);
  }
}

/** The output of the chosen node in a run ("" = the last step that succeeded), or undefined when it gave none. */
export async function outputOf(runId: string, nodeId: string, prisma?: PrismaClient): Promise<unknown> {
  const { rows } = await privilegedStatement<{ output: unknown }>(
    "webhooks",
    inlineSql`select payload -> 'output' as output from public.execution_logs
      where execution_id = ${runId} and event = 'succeeded' and (${nodeId} = '' or node_id = ${nodeId})
      order by seq desc limit 1`,
    prisma ? { prisma } : {},
  );
  return rows[0]?.output ?? undefined;
}
