import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECOND_FACTOR_PENDING, withRls } from "@/server/platform/db/with-rls";
import { callerFor } from "@/test/mcp/caller";
import { trpcError } from "@/test/trpc";
import { insertTestUser, type TestUser } from "@/test/users";
import { sessionMeetsMfa } from "./second-factor";

const databaseUrl = process.env.DATABASE_URL ?? "";
const db = new pg.Client({ connectionString: databaseUrl });
let plain: TestUser;
let enrolled: TestUser;

async function addFactor(user: TestUser, status: "verified" | "unverified") {
  await db.query(
    `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
     values ($1, $2, $3, 'totp', $4, now(), now(), 'JBSWY3DPEHPK3PXP')`,
    [randomUUID(), user.id, `app ${randomUUID().slice(0, 6)}`, status],
  );
}

const atAal2 = (user: TestUser): TestUser => ({
  ...user,
  claims: { ...user.claims, aal: "aal2", amr: [{ method: "totp" }] },
});

beforeAll(async () => {
  await db.connect();
  [plain, enrolled] = await Promise.all([insertTestUser(databaseUrl), insertTestUser(databaseUrl)]);
  await addFactor(plain, "unverified");
  await addFactor(enrolled, "verified");
  await db.query(
    "insert into public.mcp_authorizations (user_id, server_name) values ($1, 'Guarded server')",
    [enrolled.id],
  );
  await db.query("insert into public.workflows (user_id, name) values ($1, 'Guarded workflow')", [
    enrolled.id,
  ]);
});

afterAll(async () => {
  await db.end();
});

describe("a user who enrolled a second factor reaches nothing at AAL1", () => {
  it("a user without a verified factor reaches them at AAL1 (an unfinished enrollment does not count)", async () => {
    await expect(callerFor(plain).connections.list()).resolves.toBeInstanceOf(Array);
  });

  it("an enrolled user's AAL1 session is FORBIDDEN on every procedure, with the reason; at AAL2 it passes", async () => {
    for (const call of [
      () => callerFor(enrolled).connections.list(),
      () => callerFor(enrolled).workflows.list({}),
    ]) {
      const error = await trpcError(call());
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toBe(SECOND_FACTOR_PENDING);
    }
    await expect(callerFor(atAal2(enrolled)).connections.list()).resolves.toBeInstanceOf(Array);
    await expect(callerFor(atAal2(enrolled)).workflows.list({})).resolves.toBeDefined();
  });

  it("says whether the factor is met without being refused (the code prompt is shown on that)", async () => {
    expect(await sessionMeetsMfa(enrolled.claims)).toBe(false);
    expect(await sessionMeetsMfa(atAal2(enrolled).claims)).toBe(true);
    expect(await sessionMeetsMfa(plain.claims)).toBe(true);
  });

  it("the rows themselves stay hidden from that AAL1 session (restrictive policies), and visible at AAL2", async () => {
    const count = (user: TestUser, table: string) =>
      withRls(
        user.claims,
        (tx) => tx.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from public.${table}`),
        {
          allowPendingSecondFactor: true,
        },
      );
    for (const table of ["mcp_authorizations", "workflows", "users"]) {
      expect(await count(enrolled, table), table).toEqual([{ n: 0 }]);
      expect(await count(atAal2(enrolled), table), table).toEqual([{ n: 1 }]);
    }
  });

  it("deleting the account needs it too, and the typed phrase; nothing is deleted otherwise", async () => {
    const refused = await trpcError(
      callerFor(enrolled).users.deleteAccount({ confirmation: "delete my account" }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    const wrongPhrase = await trpcError(
      callerFor(atAal2(enrolled)).users.deleteAccount({ confirmation: "delete it" as "delete my account" }),
    );
    expect(wrongPhrase.code).toBe("BAD_REQUEST");
    expect(wrongPhrase.message).toContain('Type "delete my account" to confirm.');
    const { rows } = await db.query("select count(*)::int as n from auth.users where id = $1", [enrolled.id]);
    expect(rows[0].n).toBe(1);
  });
});
