import type { RlsTransaction } from "@/server/platform/db/with-rls";
import { AppError } from "@/server/platform/errors/app-error";
import { runProblemsWithNodes } from "@/server/runs";
import { webhookNodesWithoutUrl } from "./webhooks/missing-urls";

export type Activation = { workflowId: string; active: boolean; activatedAt: Date | null };

/**
 * Turns a workflow's triggers on or off. Turning on validates the whole graph first, as a run
 * would, and refuses naming every node that would fail; a run always uses the graph as it was when
 * it started, so later edits never reach runs already going. The row is written under the owner's
 * RLS check of the workflow, then by the server's own grant (the owner may only read it).
 */
export async function setActive(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
  active: boolean,
  write: (change: { workflowId: string; userId: string; active: boolean }) => Promise<void>,
): Promise<Activation> {
  const workflow = await tx.workflow.findFirst({ where: { id: workflowId, userId }, select: { id: true } });
  if (!workflow) throw new AppError("workflow.not_found", "This workflow does not exist or is not yours.");
  if (active) {
    const planned = await runProblemsWithNodes(tx, userId, workflowId);
    const noUrl = await webhookNodesWithoutUrl(tx, workflowId);
    const problems = [
      ...planned.problems,
      ...noUrl.map(
        (node) => `"${node.label}" (${node.id}): the webhook has no URL yet; make it in the node's inspector`,
      ),
    ];
    const nodeIds = [...new Set([...planned.nodeIds, ...noUrl.map((node) => node.id)])];
    if (problems.length > 0)
      throw new AppError(
        "triggers.cannot_activate",
        `The workflow was not activated; fix these first:\n${problems.map((p) => `- ${p}`).join("\n")}`,
        { nodeIds },
      );
  }
  await write({ workflowId, userId, active });
  return activationOf(tx, workflowId);
}

export async function activationOf(tx: RlsTransaction, workflowId: string): Promise<Activation> {
  const row = await tx.workflowActivation.findUnique({ where: { workflowId } });
  return { workflowId, active: Boolean(row), activatedAt: row?.activatedAt ?? null };
}
