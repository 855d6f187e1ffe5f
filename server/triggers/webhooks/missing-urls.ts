import type { RlsTransaction } from "@/server/platform/db/with-rls";

/**
 * The workflow's webhook nodes that have no URL yet: activating them would wait for calls that
 * nobody can make. Read under the owner's RLS (the owner may read a webhook's id and node).
 */
export async function webhookNodesWithoutUrl(
  tx: RlsTransaction,
  workflowId: string,
): Promise<Array<{ id: string; label: string }>> {
  const nodes = await tx.node.findMany({
    where: { workflowId, type: "webhook" },
    select: { id: true, data: true },
    orderBy: { id: "asc" },
  });
  if (nodes.length === 0) return [];
  const made = await tx.webhook.findMany({ where: { workflowId }, select: { nodeId: true } });
  const withUrl = new Set(made.map((row) => row.nodeId));
  return nodes
    .filter((node) => !withUrl.has(node.id))
    .map((node) => ({ id: node.id, label: String((node.data as { label?: unknown })?.label || node.id) }));
}
