import { type GraphFile, graphFileSchema } from "@/lib/graph/schemas";
import { exportGraph } from "@/server/graph";
import type { Prisma } from "@/server/platform/db/generated/client";
import type { RlsTransaction } from "@/server/platform/db/with-rls";
import { AppError } from "@/server/platform/errors/app-error";
import { requireOwnedWorkflow } from "./workflows";

export type VersionSummary = {
  id: string;
  version: number;
  label: string;
  createdAt: Date;
  nodeCount: number;
};

/** Snapshots the stored graph under the next version number (the workflow row is locked). */
export async function createVersion(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
  label: string,
): Promise<VersionSummary> {
  const trimmed = label.trim();
  if (!trimmed) throw new AppError("version.invalid_label", "label: a version needs a name");
  await requireOwnedWorkflow(tx, userId, workflowId, true);
  const snapshot = await exportGraph(tx, userId, workflowId);
  const last = await tx.workflowVersion.aggregate({ where: { workflowId }, _max: { version: true } });
  const row = await tx.workflowVersion.create({
    data: {
      workflowId,
      userId,
      version: (last._max.version ?? 0) + 1,
      label: trimmed.slice(0, 200),
      snapshot: snapshot as unknown as Prisma.InputJsonValue,
    },
    select: { id: true, version: true, label: true, createdAt: true },
  });
  return { ...row, nodeCount: snapshot.nodes.length };
}

export async function listVersions(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
): Promise<VersionSummary[]> {
  await requireOwnedWorkflow(tx, userId, workflowId);
  const rows = await tx.$queryRaw<
    { id: string; version: number; label: string; created_at: Date; node_count: number }[]
  >`
    select id, version, label, created_at, jsonb_array_length(snapshot -> 'nodes')::int as node_count
    from public.workflow_versions
    where workflow_id = ${workflowId}::uuid and user_id = ${userId}::uuid
    order by version desc`;
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    label: r.label,
    createdAt: r.created_at,
    nodeCount: r.node_count,
  }));
}

/** A version's snapshot; the editor applies it as an ordinary, undoable change. */
export async function getVersionSnapshot(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
  versionId: string,
): Promise<GraphFile> {
  const row = await tx.workflowVersion.findFirst({
    where: { id: versionId, workflowId, userId },
    select: { snapshot: true },
  });
  if (!row) throw new AppError("version.not_found", "This version does not exist.");
  const parsed = graphFileSchema.safeParse(row.snapshot);
  if (!parsed.success)
    throw new AppError("version.damaged", "This version's snapshot is damaged and cannot be restored.");
  return parsed.data;
}
