import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeTopic } from "@/local/realtime/authorization";
import { insertTestUser, type TestUser } from "@/test/users";
import type { JwtClaims } from "./claims";
import { getPrisma } from "./client";
import { withRls } from "./with-rls";

// Every table × select/insert/update/delete × owner / other user / admin / anon, run as the
// app runs its queries (withRls), each attempt rolled back so the fixture stays as it was.

type Actor = "owner" | "other" | "admin" | "anon";
type Operation = "select" | "insert" | "update" | "delete";
type Outcome = { ok: true; rows: number } | { ok: false; error: string };
type Fixture = { workflowId: string; executionId: string; registryId: string; owner: TestUser };
type Statement = (f: Fixture) => string;
type TableCase = {
  table: string;
  sql: Record<Operation, Statement>;
  allowed: Record<Operation, Actor[]>;
};

const databaseUrl = process.env.DATABASE_URL ?? "";
const prisma = getPrisma(databaseUrl);
const rolledBack = new Error("rolled back on purpose");
const q = (value: string) => `'${value}'`;

const OWNER_ONLY: Record<Operation, Actor[]> = {
  select: ["owner"],
  insert: ["owner"],
  update: ["owner"],
  delete: ["owner"],
};

const READ_ONLY_OWNER: Record<Operation, Actor[]> = { select: ["owner"], insert: [], update: [], delete: [] };

const cases: TableCase[] = [
  {
    table: "users",
    sql: {
      select: (f) => `select id from public.users where id = ${q(f.owner.id)}`,
      insert: () => `insert into public.users (id, email) values (gen_random_uuid(), 'x@example.test')`,
      update: (f) => `update public.users set display_name = 'Renamed' where id = ${q(f.owner.id)}`,
      delete: (f) => `delete from public.users where id = ${q(f.owner.id)}`,
    },
    allowed: { select: ["owner"], insert: [], update: ["owner"], delete: [] },
  },
  {
    table: "workflows",
    sql: {
      select: (f) => `select id from public.workflows where id = ${q(f.workflowId)}`,
      insert: (f) => `insert into public.workflows (user_id, name) values (${q(f.owner.id)}, 'New')`,
      update: (f) => `update public.workflows set name = 'Renamed' where id = ${q(f.workflowId)}`,
      delete: (f) => `delete from public.workflows where id = ${q(f.workflowId)}`,
    },
    allowed: OWNER_ONLY,
  },
  {
    table: "nodes",
    sql: {
      select: (f) => `select id from public.nodes where workflow_id = ${q(f.workflowId)} and id = 'n1'`,
      insert: (f) =>
        `insert into public.nodes (workflow_id, id, type) values (${q(f.workflowId)}, 'n9', 'note')`,
      update: (f) =>
        `update public.nodes set position_x = 99 where workflow_id = ${q(f.workflowId)} and id = 'n1'`,
      delete: (f) => `delete from public.nodes where workflow_id = ${q(f.workflowId)} and id = 'n1'`,
    },
    allowed: OWNER_ONLY,
  },
  {
    table: "edges",
    sql: {
      select: (f) => `select id from public.edges where workflow_id = ${q(f.workflowId)} and id = 'e1'`,
      insert: (f) =>
        `insert into public.edges (workflow_id, id, source, target) values (${q(f.workflowId)}, 'e9', 'n2', 'n1')`,
      update: (f) =>
        `update public.edges set data = '{"x":1}' where workflow_id = ${q(f.workflowId)} and id = 'e1'`,
      delete: (f) => `delete from public.edges where workflow_id = ${q(f.workflowId)} and id = 'e1'`,
    },
    allowed: OWNER_ONLY,
  },
  {
    table: "workflow_versions",
    sql: {
      select: (f) => `select id from public.workflow_versions where workflow_id = ${q(f.workflowId)}`,
      insert: (f) =>
        `insert into public.workflow_versions (workflow_id, user_id, version, label, snapshot)
         values (${q(f.workflowId)}, ${q(f.owner.id)}, 2, 'v2', '{}')`,
      update: (f) => `update public.workflow_versions set label = 'x' where workflow_id = ${q(f.workflowId)}`,
      delete: (f) => `delete from public.workflow_versions where workflow_id = ${q(f.workflowId)}`,
    },
    allowed: OWNER_ONLY,
  },
  {
    table: "flow_space",
    sql: {
      select: (f) => `select id from public.flow_space where user_id = ${q(f.owner.id)}`,
      insert: (f) =>
        `insert into public.flow_space (user_id, thread_id) values (${q(f.owner.id)}, 'thread-2')`,
      update: (f) => `update public.flow_space set context = '{"a":1}' where user_id = ${q(f.owner.id)}`,
      delete: (f) => `delete from public.flow_space where user_id = ${q(f.owner.id)}`,
    },
    allowed: OWNER_ONLY,
  },
  {
    table: "mcp_authorizations",
    sql: {
      select: (f) => `select id from public.mcp_authorizations where user_id = ${q(f.owner.id)}`,
      insert: (f) =>
        `insert into public.mcp_authorizations (user_id, server_name) values (${q(f.owner.id)}, 'other-server')`,
      update: (f) =>
        `update public.mcp_authorizations set status = 'verified' where user_id = ${q(f.owner.id)}`,
      delete: (f) => `delete from public.mcp_authorizations where user_id = ${q(f.owner.id)}`,
    },
    // Only the server (privileged module) writes authorizations: a status cannot be forged.
    allowed: { select: ["owner"], insert: [], update: [], delete: ["owner"] },
  },
  {
    table: "executions",
    sql: {
      select: (f) => `select id from public.executions where id = ${q(f.executionId)}`,
      insert: (f) =>
        `insert into public.executions (id, workflow_id, user_id) values ('run-${randomUUID()}', ${q(f.workflowId)}, ${q(f.owner.id)})`,
      update: (f) => `update public.executions set status = 'running' where id = ${q(f.executionId)}`,
      delete: (f) => `delete from public.executions where id = ${q(f.executionId)}`,
    },
    // Only the server writes runs (as service_role); owners read theirs.
    allowed: READ_ONLY_OWNER,
  },
  {
    table: "execution_logs",
    sql: {
      select: (f) => `select id from public.execution_logs where execution_id = ${q(f.executionId)}`,
      insert: (f) =>
        `insert into public.execution_logs (execution_id, step_name) values (${q(f.executionId)}, 'step-2')`,
      update: (f) =>
        `update public.execution_logs set step_name = 'x' where execution_id = ${q(f.executionId)}`,
      delete: (f) => `delete from public.execution_logs where execution_id = ${q(f.executionId)}`,
    },
    allowed: READ_ONLY_OWNER,
  },
  {
    table: "mcp_registry",
    sql: {
      select: (f) => `select id from public.mcp_registry where id = ${q(f.registryId)}`,
      insert: () =>
        `insert into public.mcp_registry (id, name, url) values ('${randomUUID()}', 'X', 'http://x')`,
      update: (f) => `update public.mcp_registry set name = 'Renamed' where id = ${q(f.registryId)}`,
      delete: (f) => `delete from public.mcp_registry where id = ${q(f.registryId)}`,
    },
    allowed: {
      select: ["owner", "other", "admin"],
      insert: ["admin"],
      update: ["admin"],
      delete: ["admin"],
    },
  },
  {
    table: "assistant_usage",
    sql: {
      select: (f) => `select tokens from public.assistant_usage where user_id = ${q(f.owner.id)}`,
      insert: (f) =>
        `insert into public.assistant_usage (user_id, day) values (${q(f.owner.id)}, current_date) on conflict do nothing`,
      update: (f) => `update public.assistant_usage set tokens = 0 where user_id = ${q(f.owner.id)}`,
      delete: (f) => `delete from public.assistant_usage where user_id = ${q(f.owner.id)}`,
    },
    allowed: READ_ONLY_OWNER,
  },
  {
    table: "workflow_activations",
    sql: {
      select: (f) => `select 1 from public.workflow_activations where workflow_id = ${q(f.workflowId)}`,
      insert: (f) =>
        `insert into public.workflow_activations (workflow_id, user_id) values (${q(f.workflowId)}, ${q(f.owner.id)}) on conflict do nothing`,
      update: (f) =>
        `update public.workflow_activations set activated_at = now() where workflow_id = ${q(f.workflowId)}`,
      delete: (f) => `delete from public.workflow_activations where workflow_id = ${q(f.workflowId)}`,
    },
    allowed: READ_ONLY_OWNER,
  },
  {
    table: "webhooks",
    sql: {
      select: (f) => `select id, secret_hint from public.webhooks where workflow_id = ${q(f.workflowId)}`,
      insert: (f) =>
        `insert into public.webhooks (id, workflow_id, node_id, user_id, secret, secret_hint) values (${q("b".repeat(32))}, ${q(f.workflowId)}, 'n2', ${q(f.owner.id)}, '{}', 'x')`,
      update: (f) => `update public.webhooks set listen_until = now() where workflow_id = ${q(f.workflowId)}`,
      delete: (f) => `delete from public.webhooks where workflow_id = ${q(f.workflowId)}`,
    },
    allowed: READ_ONLY_OWNER,
  },
  {
    table: "webhook_rate_counts",
    sql: {
      select: () => "select 1 from public.webhook_rate_counts where bucket = 'webhook:rls'",
      insert: () =>
        "insert into public.webhook_rate_counts (bucket, window_start) values ('webhook:rls-new', now())",
      update: () => "update public.webhook_rate_counts set hits = 0 where bucket = 'webhook:rls'",
      delete: () => "delete from public.webhook_rate_counts where bucket = 'webhook:rls'",
    },
    allowed: { select: [], insert: [], update: [], delete: [] },
  },
];

async function asAnon(sql: string): Promise<Outcome> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("begin");
    await client.query(`select set_config('request.jwt.claims', '{"role":"anon"}', true)`);
    await client.query("set local role anon");
    const result = await client.query(sql);
    return { ok: true, rows: result.rowCount ?? 0 };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    await client.query("rollback").catch(() => {});
    await client.end();
  }
}

async function attempt(claims: JwtClaims, sql: string): Promise<Outcome> {
  let outcome: Outcome | undefined;
  try {
    await withRls(
      claims,
      async (tx) => {
        try {
          const rows = await tx.$executeRawUnsafe(sql);
          outcome = { ok: true, rows };
        } catch (error) {
          outcome = { ok: false, error: (error as Error).message };
        }
        throw rolledBack;
      },
      { prisma },
    );
  } catch (error) {
    if (error !== rolledBack && !outcome) outcome = { ok: false, error: (error as Error).message };
  }
  return outcome ?? { ok: false, error: "no outcome" };
}

let fixture: Fixture;
let claimsOf: Record<Exclude<Actor, "anon">, JwtClaims>;

beforeAll(async () => {
  const owner = await insertTestUser(databaseUrl);
  const other = await insertTestUser(databaseUrl);
  const admin = await insertTestUser(databaseUrl, { appMetadata: { role: "admin" } });
  claimsOf = { owner: owner.claims, other: other.claims, admin: admin.claims };
  const workflowId = randomUUID();
  const executionId = `run-${randomUUID()}`;
  const registryId = `registry-${randomUUID()}`;
  fixture = { workflowId, executionId, registryId, owner };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const statements: Array<[string, unknown[]]> = [
    ["insert into public.workflows (id, user_id) values ($1, $2)", [workflowId, owner.id]],
    [
      "insert into public.nodes (workflow_id, id, type) values ($1, 'n1', 'trigger'), ($1, 'n2', 'note')",
      [workflowId],
    ],
    [
      "insert into public.edges (workflow_id, id, source, target) values ($1, 'e1', 'n1', 'n2')",
      [workflowId],
    ],
    [
      "insert into public.workflow_versions (workflow_id, user_id, version, label, snapshot) values ($1, $2, 1, 'v1', '{}')",
      [workflowId, owner.id],
    ],
    [
      "insert into public.flow_space (user_id, thread_id, workflow_id) values ($1, 'thread-1', $2)",
      [owner.id, workflowId],
    ],
    ["insert into public.assistant_usage (user_id, day, tokens) values ($1, current_date, 42)", [owner.id]],
    [
      "insert into public.workflow_activations (workflow_id, user_id) values ($1, $2)",
      [workflowId, owner.id],
    ],
    ["insert into public.mcp_authorizations (user_id, server_name) values ($1, 'everything')", [owner.id]],
    [
      "insert into public.webhooks (id, workflow_id, node_id, user_id, secret, secret_hint) values ($1, $2, 'n1', $3, '{}', 'abcd')",
      ["a".repeat(32), workflowId, owner.id],
    ],
    ["insert into public.webhook_rate_counts (bucket, window_start) values ('webhook:rls', now())", []],
    [
      "insert into public.executions (id, workflow_id, user_id) values ($1, $2, $3)",
      [executionId, workflowId, owner.id],
    ],
    ["insert into public.execution_logs (execution_id, step_name) values ($1, 'step-1')", [executionId]],
    [
      "insert into public.mcp_registry (id, name, url) values ($1, 'Everything', 'http://127.0.0.1:3001/mcp')",
      [registryId],
    ],
  ];
  for (const [sql, params] of statements) await client.query(sql, params);
  await client.end();
});

afterAll(() => prisma.$disconnect());

const actors: Actor[] = ["owner", "other", "admin", "anon"];
const operations: Operation[] = ["select", "insert", "update", "delete"];

describe.each(cases)("RLS on $table", ({ table, sql, allowed }) => {
  it("has row level security enabled", async () => {
    const [row] = await prisma.$queryRawUnsafe<Array<{ on: boolean }>>(
      `select relrowsecurity as on from pg_class where oid = 'public.${table}'::regclass`,
    );
    expect(row?.on).toBe(true);
  });

  for (const operation of operations) {
    for (const actor of actors) {
      const permitted = allowed[operation].includes(actor);
      it(`${operation} by ${actor} is ${permitted ? "allowed" : "denied"}`, async () => {
        const statement = sql[operation](fixture);
        const outcome =
          actor === "anon" ? await asAnon(statement) : await attempt(claimsOf[actor], statement);
        if (permitted) {
          expect(outcome).toEqual({ ok: true, rows: 1 });
        } else if (outcome.ok) {
          // RLS hides rows rather than failing: denied reads and writes touch nothing.
          expect(outcome.rows, `${actor} ${operation} on ${table}`).toBe(0);
        } else {
          expect(outcome.error).toMatch(/row-level security|permission denied/);
        }
      });
    }
  }
});

// Private Realtime channels: the policies on realtime.messages, probed the way Realtime does
// (local/realtime/authorization.ts), per actor × extension × receive (select) / send (insert).
describe("Realtime Authorization on workflow:<id> and runs:<id> (realtime.messages)", () => {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  afterAll(() => pool.end());
  const claimsFor = (actor: Actor): JwtClaims =>
    actor === "anon" ? { sub: "", role: "anon" } : claimsOf[actor];

  for (const actor of actors) {
    const permitted = actor === "owner";
    it(`${actor} may ${permitted ? "" : "not "}receive, send and track on the workflow's channel`, async () => {
      const policies = await authorizeTopic(pool, `workflow:${fixture.workflowId}`, claimsFor(actor));
      const expected = { read: permitted, write: permitted };
      expect(policies).toEqual({ broadcast: expected, presence: expected });
    });
  }

  for (const actor of actors) {
    const permitted = actor === "owner";
    it(`${actor} may ${permitted ? "" : "not "}join the workflow's runs channel, and nobody sends on it`, async () => {
      const policies = await authorizeTopic(pool, `runs:${fixture.workflowId}`, claimsFor(actor));
      const expected = { read: permitted, write: false };
      expect(policies).toEqual({ broadcast: expected, presence: expected });
    });
  }

  it.each([
    "workflow:",
    "runs:",
    `workflow:${randomUUID()}`,
    `runs:${randomUUID()}`,
    `room:${randomUUID()}`,
    "workflow:x' or true --",
    "runs:x' or true --",
  ])("the owner may do nothing on %j", async (topic) => {
    const none = { read: false, write: false };
    expect(await authorizeTopic(pool, topic, claimsOf.owner)).toEqual({ broadcast: none, presence: none });
  });

  it("session_is_active answers for the caller's own live sessions only, and not to anon", async () => {
    const owner = claimsOf.owner;
    const own = await attemptValue(owner, `select public.session_is_active('${owner.session_id}') as v`);
    const others = await attemptValue(
      claimsOf.other,
      `select public.session_is_active('${owner.session_id}') as v`,
    );
    expect([own, others]).toEqual([true, false]);
    expect(await asAnon(`select public.session_is_active('${owner.session_id}')`)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/permission denied/),
    });
  });
});

async function attemptValue(claims: JwtClaims, sql: string): Promise<unknown> {
  return withRls(claims, async (tx) => (await tx.$queryRawUnsafe<{ v: unknown }[]>(sql))[0]?.v, { prisma });
}

describe("policies", () => {
  it("are written with (select auth.uid()) so Postgres evaluates them once per statement", async () => {
    const policies = await prisma.$queryRawUnsafe<Array<{ name: string; text: string }>>(
      `select policyname as name, coalesce(qual, '') || ' ' || coalesce(with_check, '') as text
         from pg_policies where schemaname = 'public'`,
    );
    expect(policies.length).toBeGreaterThan(30);
    for (const policy of policies) {
      expect(policy.text, policy.name).not.toMatch(/(?<!SELECT )auth\.uid\(\)/);
    }
  });

  it("keep mcp_authorizations.credentials and the OAuth state from signed-in users, even their own", async () => {
    for (const column of ["credentials", "oauth_state_hash", "oauth_state_expires_at", "*"]) {
      const statement = `select ${column} from public.mcp_authorizations where user_id = ${q(fixture.owner.id)}`;
      const outcome = await attempt(claimsOf.owner, statement);
      expect(outcome, column).toEqual({ ok: false, error: expect.stringMatching(/permission denied/) });
    }
    const readable = await attempt(
      claimsOf.owner,
      `select id, user_id, server_name, status, created_at, updated_at from public.mcp_authorizations
        where user_id = ${q(fixture.owner.id)}`,
    );
    expect(readable).toEqual({ ok: true, rows: 1 });
    const [grants] = await prisma.$queryRawUnsafe<Array<{ columns: string[] }>>(
      `select array_agg(column_name::text order by column_name) as columns from information_schema.column_privileges
        where table_schema = 'public' and table_name = 'mcp_authorizations' and grantee = 'authenticated'
          and privilege_type = 'SELECT'`,
    );
    expect(grants?.columns).toEqual(["created_at", "id", "server_name", "status", "updated_at", "user_id"]);
  });

  it("keep webhooks.secret from signed-in users, even its owner", async () => {
    for (const column of ["secret", "*"]) {
      const statement = `select ${column} from public.webhooks where workflow_id = ${q(fixture.workflowId)}`;
      const outcome = await attempt(claimsOf.owner, statement);
      expect(outcome, column).toEqual({ ok: false, error: expect.stringMatching(/permission denied/) });
    }
  });

  it("keep mcp_authorizations out of the Realtime publication", async () => {
    const rows = await prisma.$queryRawUnsafe<unknown[]>(
      `select 1 from pg_publication_tables where pubname = 'supabase_realtime' and tablename = 'mcp_authorizations'`,
    );
    expect(rows).toEqual([]);
  });

  it("leave runs and their logs to the server: authenticated may only select them", async () => {
    const grants = await prisma.$queryRawUnsafe<Array<{ table_name: string; privilege_type: string }>>(
      `select table_name, privilege_type from information_schema.role_table_grants
        where table_schema = 'public' and grantee = 'authenticated'
          and table_name in ('executions', 'execution_logs') order by 1, 2`,
    );
    expect(grants).toEqual([
      { table_name: "execution_logs", privilege_type: "SELECT" },
      { table_name: "executions", privilege_type: "SELECT" },
    ]);
  });

  it("give anon no privileges on any table", async () => {
    const grants = await prisma.$queryRawUnsafe<unknown[]>(
      `select table_name, privilege_type from information_schema.role_table_grants
        where table_schema = 'public' and grantee = 'anon'`,
    );
    expect(grants).toEqual([]);
  });
});

// Supabase's "RLS disabled in public" lint as a test, with no skip list: every table and view in
// a schema the Data API exposes either has row level security on (tables) or runs as its
// caller (views), or grants nothing to anon and authenticated.
describe("the schemas the Data API exposes", () => {
  const EXPOSED_SCHEMAS = ["public", "graphql_public"];

  it("hold no table or view that anon or authenticated can reach past row level security", async () => {
    const open = await prisma.$queryRawUnsafe<Array<{ name: string; kind: string }>>(
      `select n.nspname || '.' || c.relname as name, c.relkind::text as kind
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any($1::text[]) and c.relkind in ('r', 'p', 'v', 'm', 'f')
          and not (c.relkind in ('r', 'p') and c.relrowsecurity)
          and not (c.relkind = 'v' and coalesce(c.reloptions, '{}') && array['security_invoker=true', 'security_invoker=on'])
          and exists (
            select 1 from unnest(array['anon', 'authenticated']) as role(name)
             where has_table_privilege(role.name, c.oid, 'select, insert, update, delete, truncate, references, trigger'))
        order by 1`,
      EXPOSED_SCHEMAS,
    );
    expect(open).toEqual([]);
  });

  it("keep the migration history from anon and authenticated, even through the Data API's roles", async () => {
    for (const statement of [
      "select migration_name from public._prisma_migrations",
      "update public._prisma_migrations set rolled_back_at = now()",
    ]) {
      expect(await asAnon(statement), statement).toEqual({
        ok: false,
        error: expect.stringMatching(/permission denied/),
      });
      expect(await attempt(claimsOf.owner, statement), statement).toEqual({
        ok: false,
        error: expect.stringMatching(/permission denied/),
      });
    }
  });
});
