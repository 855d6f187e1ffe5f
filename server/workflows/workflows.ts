import type { Prisma } from "@/server/platform/db/generated/client";
import type { RlsTransaction } from "@/server/platform/db/with-rls";
import { AppError } from "@/server/platform/errors/app-error";

/** What the workflow list shows; nothing else leaves the database. */
export const workflowSummarySelect = {
  id: true,
  name: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { nodes: true } },
} satisfies Prisma.WorkflowSelect;

type SummaryRow = Prisma.WorkflowGetPayload<{ select: typeof workflowSummarySelect }>;
export type WorkflowSummary = Omit<SummaryRow, "_count"> & { nodeCount: number };

const toSummary = ({ _count, ...rest }: SummaryRow): WorkflowSummary => ({
  ...rest,
  nodeCount: _count.nodes,
});

export type WorkflowSort = "updated" | "name" | "created";

export async function listWorkflows(
  tx: RlsTransaction,
  userId: string,
  options: { search?: string; sort?: WorkflowSort } = {},
): Promise<WorkflowSummary[]> {
  const search = options.search?.trim();
  const orderBy: Prisma.WorkflowOrderByWithRelationInput[] =
    options.sort === "name"
      ? [{ name: "asc" }, { id: "asc" }]
      : options.sort === "created"
        ? [{ createdAt: "desc" }, { id: "asc" }]
        : [{ updatedAt: "desc" }, { id: "asc" }];
  const rows = await tx.workflow.findMany({
    where: { userId, ...(search ? { name: { contains: search, mode: "insensitive" } } : {}) },
    orderBy,
    select: workflowSummarySelect,
  });
  return rows.map(toSummary);
}

/** Throws NotFound unless the workflow exists and is the user's; optionally locks its row. */
export async function requireOwnedWorkflow(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
  lock = false,
) {
  const rows = lock
    ? await tx.$queryRaw<{ id: string }[]>`
        select id from public.workflows where id = ${workflowId}::uuid and user_id = ${userId}::uuid for update`
    : await tx.$queryRaw<{ id: string }[]>`
        select id from public.workflows where id = ${workflowId}::uuid and user_id = ${userId}::uuid`;
  if (rows.length === 0)
    throw new AppError("workflow.not_found", "This workflow does not exist or is not yours.");
}

export async function getWorkflow(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
): Promise<WorkflowSummary> {
  const row = await tx.workflow.findFirst({
    where: { id: workflowId, userId },
    select: workflowSummarySelect,
  });
  if (!row) throw new AppError("workflow.not_found", "This workflow does not exist or is not yours.");
  return toSummary(row);
}

export async function createWorkflow(
  tx: RlsTransaction,
  userId: string,
  input: { name?: string; description?: string | null } = {},
): Promise<WorkflowSummary> {
  const row = await tx.workflow.create({
    data: { userId, name: input.name?.trim() || "Untitled Workflow", description: input.description ?? null },
    select: workflowSummarySelect,
  });
  return toSummary(row);
}

export async function updateWorkflow(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
  changes: { name?: string; description?: string | null },
): Promise<WorkflowSummary> {
  const data: Prisma.WorkflowUpdateManyMutationInput = {};
  if (changes.name !== undefined) data.name = changes.name.trim() || "Untitled Workflow";
  if (changes.description !== undefined) data.description = changes.description?.trim() || null;
  const { count } = await tx.workflow.updateMany({ where: { id: workflowId, userId }, data });
  if (count === 0) throw new AppError("workflow.not_found", "This workflow does not exist or is not yours.");
  return getWorkflow(tx, userId, workflowId);
}

export async function deleteWorkflow(tx: RlsTransaction, userId: string, workflowId: string): Promise<void> {
  const { count } = await tx.workflow.deleteMany({ where: { id: workflowId, userId } });
  if (count === 0) throw new AppError("workflow.not_found", "This workflow does not exist or is not yours.");
}

/** A deep copy: same node and edge ids, same data and viewport, a new workflow id. */
export async function duplicateWorkflow(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
): Promise<WorkflowSummary> {
  const source = await tx.workflow.findFirst({
    where: { id: workflowId, userId },
    select: { name: true, description: true, state: true },
  });
  if (!source) throw new AppError("workflow.not_found", "This workflow does not exist or is not yours.");
  const copy = await tx.workflow.create({
    data: {
      userId,
      name: `${source.name} (copy)`.slice(0, 200),
      description: source.description,
      state: source.state as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  await tx.$executeRaw`
    insert into public.nodes (workflow_id, id, type, data, position_x, position_y, width, height)
    select ${copy.id}::uuid, id, type, data, position_x, position_y, width, height
    from public.nodes where workflow_id = ${workflowId}::uuid`;
  await tx.$executeRaw`
    insert into public.edges (workflow_id, id, source, target, source_handle, target_handle, data)
    select ${copy.id}::uuid, id, source, target, source_handle, target_handle, data
    from public.edges where workflow_id = ${workflowId}::uuid`;
  return getWorkflow(tx, userId, copy.id);
}
