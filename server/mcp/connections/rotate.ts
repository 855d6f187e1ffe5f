import { open, seal } from "@/server/platform/crypto/envelope";
import type { Keyring } from "@/server/platform/crypto/keyring";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { authorizationsNotSealedWith, replaceCredentials } from "./secrets";

export type RotationReport = { reencrypted: number; skipped: number };

/**
 * Re-encrypts every stored credential to the keyring's current key. Each row is its own atomic
 * compare-and-swap, so the command can be interrupted and run again: rows already on the current
 * key are not touched, and a row changed meanwhile by the app is left to the next pass. A row
 * that no key of the ring opens stops the run with an error naming its key id.
 */
export async function rotateCredentials(
  keyring: Keyring,
  db?: PrismaClient,
  batch = 100,
): Promise<RotationReport> {
  const report: RotationReport = { reencrypted: 0, skipped: 0 };
  const raced = new Set<string>();
  for (;;) {
    const rows = (await authorizationsNotSealedWith(keyring.current.id, batch + raced.size, db)).filter(
      (row) => !raced.has(row.id),
    );
    if (rows.length === 0) return report;
    for (const row of rows) {
      const binding = { userId: row.userId, serverName: row.serverName };
      const plain = open(keyring, binding, row.credentials);
      if (await replaceCredentials(row.id, row.credentials, seal(keyring, binding, plain), db)) {
        report.reencrypted++;
      } else {
        raced.add(row.id);
        report.skipped++;
      }
    }
  }
}
