import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyEntry, parseKeyring } from "@/server/platform/crypto/keyring";
import { getPrisma } from "@/server/platform/db/client";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { ownDatabase } from "@/test/own-database";
import { insertTestUser, type TestUser } from "@/test/users";
import { resealWebhookSecrets } from "./rotate-keys";
import { newWebhookId, newWebhookSecret, openSecret, sealSecret, secretHint } from "./secrets";

// Re-sealing reads every row of the table: a database of its own, without other files' webhooks.
let database: Awaited<ReturnType<typeof ownDatabase>>;
let prisma: PrismaClient;
let user: TestUser;
const oldKey = generateKeyEntry(`old-${randomUUID().slice(0, 8)}`);
const newKey = generateKeyEntry(`new-${randomUUID().slice(0, 8)}`);
const oldRing = parseKeyring(oldKey);
const rotatedRing = parseKeyring(`${newKey},${oldKey}`);
const newOnlyRing = parseKeyring(newKey);
const secrets = new Map<string, string>();

async function insertWebhook(ring: typeof oldRing): Promise<string> {
  const workflowId = randomUUID();
  await prisma.$executeRaw`insert into public.workflows (id, user_id, name) values (${workflowId}::uuid, ${user.id}::uuid, 'hooks')`;
  const id = newWebhookId();
  const secret = newWebhookSecret();
  const sealed = sealSecret(ring, { id, userId: user.id }, secret);
  await prisma.$executeRaw`
    insert into public.webhooks (id, workflow_id, node_id, user_id, secret, secret_hint)
    values (${id}, ${workflowId}::uuid, 'hook', ${user.id}::uuid, ${JSON.stringify(sealed)}::jsonb, ${secretHint(secret)})`;
  secrets.set(id, secret);
  return id;
}

async function sealedWith(id: string): Promise<{ kid: string }> {
  const [row] = await prisma.$queryRaw<
    Array<{ secret: { kid: string } }>
  >`select secret from public.webhooks where id = ${id}`;
  return row?.secret as { kid: string };
}

beforeAll(async () => {
  database = await ownDatabase("webhook_keys");
  prisma = getPrisma(database.url);
  user = await insertTestUser(database.url);
  for (let i = 0; i < 3; i++) await insertWebhook(oldRing);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

describe("credentials:rotate re-seals webhook secrets", () => {
  it("moves every secret to the current key, keeps each one, and a second run changes nothing", async () => {
    expect(await resealWebhookSecrets(rotatedRing, prisma, 2)).toEqual({ reencrypted: 3, skipped: 0 });
    for (const [id, secret] of secrets) {
      const sealed = await sealedWith(id);
      expect(sealed.kid).toBe(rotatedRing.current.id);
      // The old key can now leave the ring: the secret still opens, and is the one the sender holds.
      expect(openSecret(newOnlyRing, { id, userId: user.id }, sealed)).toBe(secret);
    }
    expect(await resealWebhookSecrets(rotatedRing, prisma)).toEqual({ reencrypted: 0, skipped: 0 });
  });

  it("stops at a secret no key of the ring opens, naming its key, and changes nothing", async () => {
    const foreign = await insertWebhook(parseKeyring(generateKeyEntry("lost-key")));
    const before = await sealedWith(foreign);
    await expect(resealWebhookSecrets(rotatedRing, prisma)).rejects.toThrow(/"lost-key"/);
    expect(await sealedWith(foreign)).toEqual(before);
  });
});
