import type { Keyring } from "@/server/platform/crypto/keyring";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { openSecret, sealSecret } from "./secrets";
import { webhooksDb } from "./store";

export type KeyRotationReport = { reencrypted: number; skipped: number };

/**
 * Re-seals every webhook secret with the keyring's current key, as `credentials:rotate` does for
 * MCP credentials: each row is a compare-and-swap, so a secret rotated by its owner meanwhile is
 * left to the next pass, and the command can be run again. A secret no key opens stops it with
 * the key id in the error.
 */
export async function resealWebhookSecrets(
  keyring: Keyring,
  prisma?: PrismaClient,
  batch = 100,
): Promise<KeyRotationReport> {
  const report: KeyRotationReport = { reencrypted: 0, skipped: 0 };
  const raced = new Set<string>();
  for (;;) {
    const rows = await webhooksDb(
      (tx) => tx.$queryRaw<Array<{ id: string; user_id: string; secret: unknown }>>`
        select id, user_id, secret from public.webhooks
         where coalesce(secret ->> 'kid', '') <> ${keyring.current.id}
         order by id limit ${batch + raced.size}`,
      prisma,
    );
    const pending = rows.filter((row) => !raced.has(row.id));
    if (pending.length === 0) return report;
    for (const row of pending) {
      const webhook = { id: row.id, userId: row.user_id };
      const resealed = sealSecret(keyring, webhook, openSecret(keyring, webhook, row.secret));
      const changed = await webhooksDb(
        (tx) => tx.$executeRaw`
          update public.webhooks set secret = ${JSON.stringify(resealed)}::jsonb
           where id = ${row.id} and secret = ${JSON.stringify(row.secret)}::jsonb`,
        prisma,
      );
      if (changed === 1) report.reencrypted++;
      else {
        raced.add(row.id);
        report.skipped++;
      }
    }
  }
}
