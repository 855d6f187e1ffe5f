import { getKeyring, type Keyring } from "@/server/platform/crypto/keyring";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { Prisma } from "@/server/platform/db/generated/client";
import type { RlsTransaction } from "@/server/platform/db/with-rls";
import { AppError } from "@/server/platform/errors/app-error";
import { newWebhookId, newWebhookSecret, sealSecret, secretHint } from "./secrets";
import { publicColumns, type WebhookRow, webhooksDb } from "./store";

/** How long "Listen for a test event" waits for a delivery. */
export const LISTEN_SECONDS = 300;

export type WebhookView = {
  id: string;
  secretHint: string;
  rotatedAt: Date;
  listening: boolean;
  listenUntil: Date | null;
  testEvent: unknown;
  testEventAt: Date | null;
};

export type ManageDeps = { keyring: () => Keyring; prisma?: PrismaClient };
const defaultDeps: ManageDeps = { keyring: getKeyring };

/** Refuses unless the node is a saved webhook trigger of a workflow the user owns (checked under their RLS). */
export async function assertOwnWebhookNode(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
  nodeId: string,
): Promise<void> {
  const workflow = await tx.workflow.findFirst({ where: { id: workflowId, userId }, select: { id: true } });
  if (!workflow) throw new AppError("workflow.not_found", "This workflow does not exist or is not yours.");
  const node = await tx.node.findFirst({ where: { workflowId, id: nodeId }, select: { type: true } });
  if (node?.type !== "webhook")
    throw new AppError(
      "webhooks.not_found",
      "This node is not a saved webhook trigger of the workflow; wait for the save, then try again.",
    );
}

/** The node's webhook as its owner sees it (never the secret), or null before its URL is made. */
export async function webhookOf(tx: RlsTransaction, workflowId: string, nodeId: string) {
  const row = await tx.webhook.findUnique({
    where: { workflowId_nodeId: { workflowId, nodeId } },
    select: publicColumns,
  });
  return row ? view(row) : null;
}

/**
 * Makes the node's URL and secret, once: the secret comes back in full only from this call (and
 * from rotate); a second call returns the existing webhook and no secret.
 */
export async function createWebhook(
  owner: { userId: string; workflowId: string; nodeId: string },
  deps: ManageDeps = defaultDeps,
): Promise<{ webhook: WebhookView; secret: string | null }> {
  const existing = await findByNode(owner.workflowId, owner.nodeId, deps.prisma);
  if (existing) return { webhook: view(existing), secret: null };
  const id = newWebhookId();
  const secret = newWebhookSecret();
  try {
    const row = await webhooksDb(
      (tx) =>
        tx.webhook.create({
          data: {
            id,
            workflowId: owner.workflowId,
            nodeId: owner.nodeId,
            userId: owner.userId,
            secret: sealSecret(deps.keyring(), { id, userId: owner.userId }, secret),
            secretHint: secretHint(secret),
          },
          select: publicColumns,
        }),
      deps.prisma,
    );
    return { webhook: view(row), secret };
  } catch (error) {
    // Two tabs made it at once: the first one's stands, and its secret was shown there.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const first = await findByNode(owner.workflowId, owner.nodeId, deps.prisma);
      if (first) return { webhook: view(first), secret: null };
    }
    throw error;
  }
}

/** A new secret for the node's webhook (the URL stays); the old one stops working at once. */
export async function rotateSecret(
  owner: { userId: string; workflowId: string; nodeId: string },
  deps: ManageDeps = defaultDeps,
): Promise<{ webhook: WebhookView; secret: string }> {
  const existing = await findByNode(owner.workflowId, owner.nodeId, deps.prisma);
  if (!existing) return (await createWebhook(owner, deps)) as { webhook: WebhookView; secret: string };
  const secret = newWebhookSecret();
  const row = await webhooksDb(
    (tx) =>
      tx.webhook.update({
        where: { id: existing.id },
        data: {
          secret: sealSecret(deps.keyring(), { id: existing.id, userId: existing.userId }, secret),
          secretHint: secretHint(secret),
          rotatedAt: new Date(),
        },
        select: publicColumns,
      }),
    deps.prisma,
  );
  return { webhook: view(row), secret };
}

/** Starts (or stops) waiting for one test delivery; starting forgets the last one. */
export async function setListening(
  owner: { workflowId: string; nodeId: string },
  listening: boolean,
  prisma?: PrismaClient,
): Promise<WebhookView | null> {
  const row = await webhooksDb(async (tx) => {
    const { count } = await tx.webhook.updateMany({
      where: { workflowId: owner.workflowId, nodeId: owner.nodeId },
      data: listening
        ? {
            listenUntil: new Date(Date.now() + LISTEN_SECONDS * 1000),
            testEvent: Prisma.DbNull,
            testEventAt: null,
          }
        : { listenUntil: null },
    });
    if (count === 0) return null;
    return tx.webhook.findUnique({
      where: { workflowId_nodeId: { workflowId: owner.workflowId, nodeId: owner.nodeId } },
      select: publicColumns,
    });
  }, prisma);
  return row ? view(row) : null;
}

async function findByNode(workflowId: string, nodeId: string, prisma?: PrismaClient) {
  return webhooksDb(
    (tx) =>
      tx.webhook.findUnique({ where: { workflowId_nodeId: { workflowId, nodeId } }, select: publicColumns }),
    prisma,
  );
}

function view(row: WebhookRow): WebhookView {
  const listening = row.listenUntil !== null && row.listenUntil.getTime() > Date.now();
  return {
    id: row.id,
    secretHint: row.secretHint,
    rotatedAt: row.rotatedAt,
    listening,
    listenUntil: listening ? row.listenUntil : null,
    testEvent: row.testEvent,
    testEventAt: row.testEventAt,
  };
}
