import type { Prisma, PrismaClient } from "@/server/platform/db/generated/client";
import { type PrivilegedTransaction, withPrivilegedDb } from "@/server/platform/db/privileged";

/**
 * The webhooks table through the privileged module: only the server makes ids and secrets, and a
 * delivery (which carries no session) is matched to its owner here. Every query names its row.
 */
export function webhooksDb<T>(fn: (tx: PrivilegedTransaction) => Promise<T>, prisma?: PrismaClient) {
  return withPrivilegedDb("webhooks", fn, prisma ? { prisma } : {});
}

export const publicColumns = {
  id: true,
  workflowId: true,
  nodeId: true,
  userId: true,
  secretHint: true,
  listenUntil: true,
  testEvent: true,
  testEventAt: true,
  rotatedAt: true,
} as const satisfies Prisma.WebhookSelect;

export type WebhookRow = Prisma.WebhookGetPayload<{ select: typeof publicColumns }>;

/** What a delivery needs: the webhook, its sealed secret, whether its workflow is active, its node's data. */
export type DeliveryTarget = WebhookRow & { secret: unknown; active: boolean; node: unknown | null };

export async function findDeliveryTarget(id: string, prisma?: PrismaClient): Promise<DeliveryTarget | null> {
  return webhooksDb(async (tx) => {
    const rows = await tx.$queryRaw<
      {
        id: string;
        workflow_id: string;
        node_id: string;
        user_id: string;
        secret: unknown;
        secret_hint: string;
        listen_until: Date | null;
        test_event: unknown;
        test_event_at: Date | null;
        rotated_at: Date;
        active: boolean;
        node_type: string | null;
        node_data: unknown;
      }[]
    >`
      select w.id, w.workflow_id, w.node_id, w.user_id, w.secret, w.secret_hint, w.listen_until,
             null::jsonb as test_event, w.test_event_at, w.rotated_at,
             exists (select 1 from public.workflow_activations a where a.workflow_id = w.workflow_id) as active,
             n.type as node_type, n.data as node_data
        from public.webhooks w
        left join public.nodes n on n.workflow_id = w.workflow_id and n.id = w.node_id
       where w.id = ${id}`;
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      workflowId: row.workflow_id,
      nodeId: row.node_id,
      userId: row.user_id,
      secret: row.secret,
      secretHint: row.secret_hint,
      listenUntil: row.listen_until,
      testEvent: null,
      testEventAt: row.test_event_at,
      rotatedAt: row.rotated_at,
      active: row.active,
      node: row.node_type === "webhook" ? row.node_data : null,
    };
  }, prisma);
}
