import { PrismaPg } from "@prisma/adapter-pg";
import { beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/server/platform/db/generated/client";
import { createWorkflow } from "@/server/workflows/workflows";
import { insertTestUser, type TestUser } from "@/test/users";
import { getPrisma } from "./client";
import { inlineSql } from "./inline-sql";
import { type PrivilegedReason, privilegedStatement, withPrivilegedDb } from "./privileged";
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

describe("privilegedStatement", () => {
  it("runs one statement as service_role, with its reason and the service claims, in one round trip", async () => {
    const { rows } = await privilegedStatement<{ role: string; app: string; claims: string; owners: number }>(
      "runs",
      inlineSql`select current_user as role, current_setting('application_name') as app,
                       current_setting('request.jwt.claims') as claims,
                       (select count(*)::int from public.workflows where user_id in (${alice.id}::uuid, ${bob.id}::uuid)) as owners`,
      { prisma },
    );
    expect(rows).toEqual([
      {
        role: "service_role",
        app: "tryliate privileged: runs",
        claims: '{"role":"service_role"}',
        owners: 2,
      },
    ]);
  });

  it("stores hostile text exactly as given", async () => {
    const hostile = "'); drop table public.workflows; -- \\' \\\\ $$ \u00e9 \u{1F600}";
    const { rows } = await privilegedStatement<{ text: string }>(
      "runs",
      inlineSql`select ${hostile}::text as text`,
      { prisma },
    );
    expect(rows[0]?.text).toBe(hostile);
  });

  it("leaves the connection as it found it, also when the statement fails", async () => {
    const single = getPrisma(process.env.DATABASE_URL ?? "", 1);
    await privilegedStatement("runs", inlineSql`select 1`, { prisma: single });
    await expect(privilegedStatement("runs", inlineSql`select 1/0`, { prisma: single })).rejects.toThrow(
      "division by zero",
    );
    const rows = await single.$queryRaw<{ role: string; app: string }[]>`
      select current_user as role, current_setting('application_name') as app`;
    expect(rows[0]?.role).not.toBe("service_role");
    expect(rows[0]?.app).not.toContain("privileged");
  });

  it("refuses a reason that is not on the list", async () => {
    await expect(
      privilegedStatement("no such reason" as PrivilegedReason, inlineSql`select 1`, { prisma }),
    ).rejects.toThrow('Unknown privileged reason "no such reason".');
  });
});
