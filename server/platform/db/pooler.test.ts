import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { type PgBouncer, startPgBouncer } from "@/test/pgbouncer";
import { insertTestUser, type TestUser } from "@/test/users";
import { getPrisma } from "./client";
import { inlineSql } from "./inline-sql";
import { privilegedStatement } from "./privileged";
import { withRls } from "./with-rls";

// The app's database code through a real PgBouncer in transaction mode, as on Vercel with
// Supabase's transaction pooler: many users' requests interleaved over two server connections.
// Session state does not survive a transaction there, and must not leak from one either.

const SERVER_CONNECTIONS = 2;
const USERS = 12;
const ROUNDS = 6;

let bouncer: PgBouncer;
let prisma: PrismaClient;
let users: TestUser[];

type Seen = { backend: number; user: string };

beforeAll(async () => {
  const databaseUrl = process.env.DATABASE_URL as string;
  bouncer = await startPgBouncer({ databaseUrl, poolSize: SERVER_CONNECTIONS });
  prisma = getPrisma(bouncer.url, 10);
  users = await Promise.all(Array.from({ length: USERS }, () => insertTestUser(databaseUrl)));
}, 60_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await bouncer?.stop();
});

/** One request of one user: as the app does it, inside withRls. */
async function userRequest(user: TestUser, seen: Seen[]) {
  const name = `pooled ${randomUUID()}`;
  await withRls(
    user.claims,
    async (tx) => {
      const [who] = await tx.$queryRaw<Array<{ role: string; uid: string; sub: string; backend: number }>>`
        select current_user as role, auth.uid()::text as uid,
               current_setting('request.jwt.claims', true)::json ->> 'sub' as sub, pg_backend_pid() as backend`;
      expect(who).toMatchObject({ role: "authenticated", uid: user.id, sub: user.id });
      seen.push({ backend: Number(who?.backend), user: user.id });
      await tx.$executeRaw`insert into public.workflows (name) values (${name})`;
      const owners = await tx.$queryRaw<
        Array<{ user_id: string }>
      >`select distinct user_id::text from public.workflows`;
      expect(owners).toEqual([{ user_id: user.id }]);
    },
    { prisma },
  );
}

/** A query outside withRls, on whatever server connection the pooler hands out next. */
async function bareQuery() {
  const [state] = await prisma.$queryRaw<Array<{ role: string; claims: string | null; uid: string | null }>>`
    select current_user as role, nullif(current_setting('request.jwt.claims', true), '') as claims, auth.uid()::text as uid`;
  expect(state).toEqual({ role: "postgres", claims: null, uid: null });
}

describe("withRls through a transaction pooler", () => {
  it("never shows one user's role, claims or rows to another's query", async () => {
    const seen: Seen[] = [];
    const work: Promise<void>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const user of users) {
        work.push(userRequest(user, seen));
        work.push(bareQuery());
      }
    }
    await Promise.all(work);
    for (let round = 0; round < 20; round++) await bareQuery();

    // The interleaving really happened: every user's transactions went over the same two server
    // connections, each of which served many users.
    expect(seen).toHaveLength(USERS * ROUNDS);
    const backends = new Set(seen.map((entry) => entry.backend));
    expect(backends.size).toBeLessThanOrEqual(SERVER_CONNECTIONS);
    for (const backend of backends) {
      expect(
        new Set(seen.filter((entry) => entry.backend === backend).map((entry) => entry.user)).size,
      ).toBeGreaterThan(1);
    }
  }, 120_000);
});

describe("privilegedStatement through a transaction pooler", () => {
  it("acts as service_role within its own statement and leaves nothing behind", async () => {
    const work: Promise<void>[] = [];
    for (let round = 0; round < ROUNDS * USERS; round++) {
      work.push(
        privilegedStatement<{ role: string }>("runs", inlineSql`select current_user as role`, {
          prisma,
        }).then(({ rows }) => {
          expect(rows).toEqual([{ role: "service_role" }]);
        }),
      );
      work.push(bareQuery());
    }
    await Promise.all(work);
    for (let round = 0; round < 20; round++) await bareQuery();
  }, 120_000);
});
