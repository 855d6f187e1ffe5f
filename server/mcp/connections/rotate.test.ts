import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { open, seal } from "@/server/platform/crypto/envelope";
import { generateKeyEntry, parseKeyring } from "@/server/platform/crypto/keyring";
import { getPrisma } from "@/server/platform/db/client";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { ownDatabase } from "@/test/own-database";
import { insertTestUser, type TestUser } from "@/test/users";
import { rotateCredentials } from "./rotate";
import { readAuthorization, writeAuthorization } from "./secrets";

// Rotation re-encrypts every row of the table: a database of its own, without other files' rows.
let database: Awaited<ReturnType<typeof ownDatabase>>;
let databaseUrl: string;
let prisma: PrismaClient;
const oldKey = generateKeyEntry(`old-${randomUUID().slice(0, 8)}`);
const newKey = generateKeyEntry(`new-${randomUUID().slice(0, 8)}`);
const oldRing = parseKeyring(oldKey);
const rotatedRing = parseKeyring(`${newKey},${oldKey}`);
let users: TestUser[];
const servers = ["alpha", "beta", "gamma"];

beforeAll(async () => {
  database = await ownDatabase("rotate");
  databaseUrl = database.url;
  prisma = getPrisma(databaseUrl);
  users = [await insertTestUser(databaseUrl), await insertTestUser(databaseUrl)];
  for (const user of users) {
    for (const serverName of servers) {
      const secret = { kind: "header", header: "X-Api-Key", value: `${user.id}-${serverName}` };
      await writeAuthorization(
        user.id,
        serverName,
        { credentials: seal(oldRing, { userId: user.id, serverName }, secret) },
        prisma,
      );
    }
  }
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

async function stored(user: TestUser, serverName: string) {
  const row = await readAuthorization(user.id, serverName, prisma);
  return row?.credentials as { kid: string };
}

describe("credentials:rotate", () => {
  it("re-encrypts every row to the current key, keeps every secret, and a second run changes nothing", async () => {
    // An interrupted earlier run: one row already moved.
    const [first] = users as [TestUser];
    const moved = seal(
      rotatedRing,
      { userId: first.id, serverName: "alpha" },
      { kind: "header", header: "X-Api-Key", value: `${first.id}-alpha` },
    );
    await writeAuthorization(first.id, "alpha", { credentials: moved }, prisma);

    const report = await rotateCredentials(rotatedRing, prisma, 2);
    expect(report.reencrypted).toBeGreaterThanOrEqual(5);
    for (const user of users) {
      for (const serverName of servers) {
        const envelope = await stored(user, serverName);
        expect(envelope.kid).toBe(rotatedRing.current.id);
        // Readable with the new key alone: the old one can be dropped from the ring.
        expect(open(parseKeyring(newKey), { userId: user.id, serverName }, envelope)).toEqual({
          kind: "header",
          header: "X-Api-Key",
          value: `${user.id}-${serverName}`,
        });
      }
    }
    expect(await stored(first, "alpha")).toEqual(moved);
    expect(await rotateCredentials(rotatedRing, prisma)).toEqual({ reencrypted: 0, skipped: 0 });
  });

  it("stops with the key id when a row was sealed with a key the ring does not hold", async () => {
    const stranger = await insertTestUser(databaseUrl);
    const lost = parseKeyring(generateKeyEntry("lost-key"));
    await writeAuthorization(
      stranger.id,
      "alpha",
      { credentials: seal(lost, { userId: stranger.id, serverName: "alpha" }, { kind: "none" }) },
      prisma,
    );
    await expect(rotateCredentials(rotatedRing, prisma)).rejects.toThrow(
      /key "lost-key", which is not in the keyring/,
    );
    await prisma.mcpAuthorization.deleteMany({ where: { userId: stranger.id } });
  });
});
