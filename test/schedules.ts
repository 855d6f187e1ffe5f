import { randomUUID } from "node:crypto";
import pg from "pg";
import { defaultNodeData, type NodeData, type WireNode } from "@/lib/graph/nodes";
import { writeActivation } from "@/server/triggers/activation-store";
import { databaseUrl, graphOf as g, type RunFixture, saveGraphRows, testPrisma } from "./runs";

/** One SQL statement on a connection of its own; its rows. */
export async function sql<T extends Record<string, unknown>>(
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A schedule trigger node: the defaults, labelled by its id, with these fields changed. */
export function scheduleNode(id: string, data: Partial<NodeData<"schedule">> = {}): WireNode {
  return {
    id,
    type: "schedule",
    position: { x: 0, y: 0 },
    data: { ...defaultNodeData("schedule"), label: id, ...data },
  };
}

/**
 * A new workflow of the fixture's owner with these schedule nodes, each followed by an echo of
 * the slot, activated (at `activatedAt`, when given).
 */
export async function activeScheduledWorkflow(
  fx: RunFixture,
  nodes: WireNode[],
  activatedAt?: Date,
): Promise<string> {
  const workflowId = randomUUID();
  await sql("insert into public.workflows (id, user_id, name) values ($1, $2, 'schedules test')", [
    workflowId,
    fx.user.id,
  ]);
  const echo = g.tool("echo", fx.serverId, "echo", { message: "fired for {{ input.scheduledFor }}" });
  await saveGraphRows(
    workflowId,
    [...nodes, echo],
    nodes.map((node) => g.edge(node.id, "echo")),
  );
  await writeActivation({ workflowId, userId: fx.user.id, active: true }, testPrisma());
  if (activatedAt)
    await sql("update public.workflow_activations set activated_at = $2 where workflow_id = $1", [
      workflowId,
      activatedAt,
    ]);
  return workflowId;
}

/** Deactivates every workflow of a user (so a test file's schedules stop firing in the next file's scheduler). */
export async function deactivateAll(userId: string): Promise<void> {
  await sql("delete from public.workflow_activations where user_id = $1", [userId]);
}
