import { PrismaPg } from "@prisma/adapter-pg";
import { beforeAll, describe, expect, it } from "vitest";
import { createWorkflow } from "@/server/services/workflows";
import { insertTestUser, type TestUser } from "@/test/users";
import { getPrisma } from "./client";
import { PrismaClient } from "./generated/client";
import { type PrivilegedReason, withPrivilegedDb } from "./privileged";
import { withRls } from "./with-rls";

const prisma = getPrisma(process.env.DATABASE_URL ?? "");
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  alice = await insertTestUser(process.env.DATABASE_URL ?? "");
  bob = await insertTestUser(process.env.DATABASE_URL ?? "");
  for (const user of [alice, bob]) {
    await withRls(user.claims, (tx) => createWorkflow(tx, user.id, { name: "privileged test" }), { prisma });
  }
});

const ownersSeen = (tx: { workflow: typeof prisma.workflow }) =>
  tx.workflow.count({ where: { userId: { in: [alice.id, bob.id] } } });

describe("withPrivilegedDb", () => {
  it("sees every user's rows, where a user's transaction sees only their own", async () => {
    expect(await withRls(alice.claims, ownersSeen, { prisma })).toBe(1);
    expect(await withPrivilegedDb("admin-stats", ownersSeen, { prisma })).toBe(2);
  });

  it("runs as service_role with its reason visible to the database", async () => {
    const [who] = await withPrivilegedDb(
      "admin-stats",
      (tx) => tx.$queryRaw<{ role: string; app: string }[]>`
        select current_user as role, current_setting('application_name') as app`,
      { prisma },
    );
    expect(who).toEqual({ role: "service_role", app: "tryliate privileged: admin-stats" });
  });

  it("leaves the connection as it found it once the transaction ends", async () => {
    // One connection, so the query after the transaction runs on the connection it used.
    const single = new PrismaClient({
      adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 1 }),
    });
    await withPrivilegedDb("admin-stats", ownersSeen, { prisma: single });
    const rows = await single.$queryRaw<{ role: string; app: string }[]>`
      select current_user as role, current_setting('application_name') as app`;
    expect(rows[0]?.role).not.toBe("service_role");
    expect(rows[0]?.app).not.toContain("privileged");
    await single.$disconnect();
  });

  it("refuses a reason that is not on the list, before touching the database", async () => {
    let ran = false;
    const run = withPrivilegedDb("no such reason" as PrivilegedReason, async () => {
      ran = true;
    });
    await expect(run).rejects.toThrow('Unknown privileged reason "no such reason".');
    expect(ran).toBe(false);
  });
});
