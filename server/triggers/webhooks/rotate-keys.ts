import type { Keyring } from "@/server/platform/crypto/keyring";
import { type ResealReport, resealRows } from "@/server/platform/crypto/reseal";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { openSecret, sealSecret } from "./secrets";
import { webhooksDb } from "./store";

export type KeyRotationReport = ResealReport;

/**
 * Re-seals every webhook secret with the keyring's current key, as `credentials:rotate` does for
 * MCP credentials (the same compare-and-swap loop): a secret rotated by its owner meanwhile is
 * left to the next pass. A secret no key opens stops it with the key id in the error.
 */
export function resealWebhookSecrets(
  keyring: Keyring,
  prisma?: PrismaClient,
  batch = 100,
): Promise<KeyRotationReport> {
  return resealRows(
    batch,
    (limit) =>
      webhooksDb(
        (tx) => tx.$queryRaw<Array<{ id: string; user_id: string; secret: unknown }>>`
          select id, user_id, secret from public.webhooks
           where coalesce(secret ->> 'kid', '') <> ${keyring.current.id}
           order by id limit ${limit}`,
        prisma,
      ),
    async (row) => {
      const webhook = { id: row.id, userId: row.user_id };
      const resealed = sealSecret(keyring, webhook, openSecret(keyring, webhook, row.secret));
      const changed = await webhooksDb(
        (tx) => tx.$executeRaw`
          update public.webhooks set secret = ${JSON.stringify(resealed)}::jsonb
           where id = ${row.id} and secret = ${JSON.stringify(row.secret)}::jsonb`,
        prisma,
      );
      return changed === 1;
    },
  );
}
