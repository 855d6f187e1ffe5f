import { open, seal } from "@/server/platform/crypto/envelope";
import type { Keyring } from "@/server/platform/crypto/keyring";
import { type ResealReport, resealRows } from "@/server/platform/crypto/reseal";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { authorizationsNotSealedWith, replaceCredentials } from "./secrets";

export type RotationReport = ResealReport;

/**
 * Re-encrypts every stored credential to the keyring's current key. Each row is its own atomic
 * compare-and-swap, so the command can be interrupted and run again: rows already on the current
 * key are not touched, and a row changed meanwhile by the app is left to the next pass. A row
 * that no key of the ring opens stops the run with an error naming its key id.
 */
export function rotateCredentials(keyring: Keyring, db?: PrismaClient, batch = 100): Promise<RotationReport> {
  return resealRows(
    batch,
    (limit) => authorizationsNotSealedWith(keyring.current.id, limit, db),
    (row) => {
      const binding = { userId: row.userId, serverName: row.serverName };
      const plain = open(keyring, binding, row.credentials);
      return replaceCredentials(row.id, row.credentials, seal(keyring, binding, plain), db);
    },
  );
}
