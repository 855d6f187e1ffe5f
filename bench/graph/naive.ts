import type { GraphDiff } from "../../lib/graph/schemas";
import type { Prisma } from "../../server/platform/db/generated/client";
import type { RlsTransaction } from "../../server/platform/db/with-rls";

/** The baseline: one Prisma `upsert` per node and per edge, in one transaction. */
export async function naiveSave(tx: RlsTransaction, workflowId: string, diff: GraphDiff): Promise<void> {
  if (diff.deleteEdges.length)
    await tx.edge.deleteMany({ where: { workflowId, id: { in: diff.deleteEdges } } });
  if (diff.deleteNodes.length)
    await tx.node.deleteMany({ where: { workflowId, id: { in: diff.deleteNodes } } });
  for (const n of diff.upsertNodes) {
    const fields = {
      type: n.type,
      data: n.data as Prisma.InputJsonValue,
      positionX: n.position.x,
      positionY: n.position.y,
      width: n.width ?? null,
      height: n.height ?? null,
    };
    await tx.node.upsert({
      where: { workflowId_id: { workflowId, id: n.id } },
      create: { workflowId, id: n.id, ...fields },
      update: fields,
    });
  }
  for (const e of diff.upsertEdges) {
    const fields = {
      source: e.source,
      target: e.target,
      sourceHandle: e.sourceHandle,
      targetHandle: e.targetHandle,
      data: (e.data ?? undefined) as Prisma.InputJsonValue | undefined,
    };
    await tx.edge.upsert({
      where: { workflowId_id: { workflowId, id: e.id } },
      create: { workflowId, id: e.id, ...fields },
      update: fields,
    });
  }
}

/** The baseline load: two findMany calls mapped to React Flow's shape. */
export async function naiveLoad(tx: RlsTransaction, workflowId: string) {
  const [nodes, edges] = [
    await tx.node.findMany({ where: { workflowId } }),
    await tx.edge.findMany({ where: { workflowId } }),
  ];
  return {
    nodes: nodes.map((n) => ({
      id: n.id,
      type: n.type,
      data: n.data,
      position: { x: n.positionX, y: n.positionY },
    })),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: e.sourceHandle,
      targetHandle: e.targetHandle,
    })),
  };
}
