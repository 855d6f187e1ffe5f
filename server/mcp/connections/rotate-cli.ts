import path from "node:path";
import { DEFAULT_DATABASE_URL } from "@/lib/env/defaults";
import { isLocalStack } from "@/lib/env/parse";
import { KEYRING_VARIABLE, keyringFrom } from "@/server/platform/crypto/keyring";
import { getPrisma } from "@/server/platform/db/client";
import { resealWebhookSecrets } from "@/server/triggers";
import { rotateCredentials } from "./rotate";

// npm run credentials:rotate: re-encrypts every row of mcp_authorizations, and every webhook
// secret, to the first key of TRYLIATE_CREDENTIALS_KEYS (the local key file when unset, against the local stack).
const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
try {
  const keyring = keyringFrom({
    keys: process.env[KEYRING_VARIABLE],
    local: isLocalStack(),
    dataDir: path.resolve(process.env.TRYLIATE_DATA_DIR || ".data"),
  });
  const prisma = getPrisma(databaseUrl);
  const report = await rotateCredentials(keyring, prisma);
  const webhooks = await resealWebhookSecrets(keyring, prisma);
  console.log(
    `Credentials now sealed with key "${keyring.current.id}": ${report.reencrypted} re-encrypted` +
      (report.skipped ? `, ${report.skipped} changed meanwhile (run again)` : ""),
  );
  console.log(
    `Webhook secrets now sealed with key "${keyring.current.id}": ${webhooks.reencrypted} re-encrypted` +
      (webhooks.skipped ? `, ${webhooks.skipped} changed meanwhile (run again)` : ""),
  );
  await prisma.$disconnect();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
