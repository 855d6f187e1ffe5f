import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "@/server/platform/db/client";
import { withRls } from "@/server/platform/db/with-rls";
import { insertTestUser, type TestUser } from "@/test/users";

// A node belongs to its workflow and an edge's endpoints are nodes of the same workflow,
// through foreign keys (migration graph_foreign_keys): no dangling row, whatever the writer.

const databaseUrl = process.env.DATABASE_URL ?? "";
const client = new pg.Client({ connectionString: databaseUrl });
let owner: TestUser;
let workflowId: string;

const nodeIds = async () =>
  (
    await client.query<{ id: string }>("select id from public.nodes where workflow_id = $1 order by id", [
      workflowId,
    ])
  ).rows.map((r) => r.id);
const edgeIds = async () =>
  (
    await client.query<{ id: string }>("select id from public.edges where workflow_id = $1 order by id", [
      workflowId,
    ])
  ).rows.map((r) => r.id);

beforeAll(async () => {
  await client.connect();
  owner = await insertTestUser(databaseUrl);
});
afterAll(() => client.end());

beforeEach(async () => {
  const { rows } = await client.query<{ id: string }>(
    "insert into public.workflows (user_id, name) values ($1, 'keys') returning id",
    [owner.id],
  );
  workflowId = rows[0]?.id ?? "";
  await client.query(
    `insert into public.nodes (workflow_id, id, type) values ($1, 'a', 'note'), ($1, 'b', 'note'), ($1, 'c', 'note')`,
    [workflowId],
  );
  await client.query(
    `insert into public.edges (workflow_id, id, source, target) values ($1, 'ab', 'a', 'b'), ($1, 'bc', 'b', 'c')`,
    [workflowId],
  );
});

describe("graph references", () => {
  it("refuses an edge whose endpoint does not exist, whole statement included", async () => {
    await expect(
      client.query(
        `insert into public.edges (workflow_id, id, source, target) values ($1, 'ac', 'a', 'c'), ($1, 'ax', 'a', 'x')`,
        [workflowId],
      ),
    ).rejects.toMatchObject({ code: "23503", constraint: "edges_workflow_id_target_fkey" });
    await expect(
      client.query(`update public.edges set target = 'x' where workflow_id = $1 and id = 'ab'`, [workflowId]),
    ).rejects.toMatchObject({ code: "23503" });
    expect(await edgeIds()).toEqual(["ab", "bc"]);
  });

  it("refuses an edge to a node of another workflow", async () => {
    const other = await client.query<{ id: string }>(
      "insert into public.workflows (user_id, name) values ($1, 'other') returning id",
      [owner.id],
    );
    await expect(
      client.query(`insert into public.edges (workflow_id, id, source, target) values ($1, 'ab', 'a', 'b')`, [
        other.rows[0]?.id,
      ]),
    ).rejects.toMatchObject({ code: "23503" });
  });

  it("refuses a node whose workflow does not exist", async () => {
    await expect(
      client.query(
        `insert into public.nodes (workflow_id, id, type) values (gen_random_uuid(), 'a', 'note')`,
      ),
    ).rejects.toMatchObject({ code: "23503", constraint: "nodes_workflow_id_fkey" });
  });

  it("deletes a node's edges with it, and a workflow's nodes and edges with it", async () => {
    await client.query(`delete from public.nodes where workflow_id = $1 and id = 'b'`, [workflowId]);
    expect(await edgeIds()).toEqual([]);
    expect(await nodeIds()).toEqual(["a", "c"]);
    await client.query(`delete from public.workflows where id = $1`, [workflowId]);
    expect(await nodeIds()).toEqual([]);
  });

  it("refuses to change a referenced key, allows it for an unreferenced one", async () => {
    await expect(
      client.query(`update public.nodes set id = 'z' where workflow_id = $1 and id = 'a'`, [workflowId]),
    ).rejects.toMatchObject({ code: "23503" });
    await client.query(`insert into public.nodes (workflow_id, id, type) values ($1, 'd', 'note')`, [
      workflowId,
    ]);
    await client.query(`update public.nodes set id = 'e' where workflow_id = $1 and id = 'd'`, [workflowId]);
    expect(await nodeIds()).toEqual(["a", "b", "c", "e"]);
    await expect(
      client.query(`update public.workflows set id = gen_random_uuid() where id = $1`, [workflowId]),
    ).rejects.toMatchObject({ code: "23503" });
  });

  it("leaves no dangling edge when a repeatable-read transaction deletes a node another just linked", async () => {
    await client.query(`insert into public.nodes (workflow_id, id, type) values ($1, 'd', 'note')`, [
      workflowId,
    ]);
    const deleter = new pg.Client({ connectionString: databaseUrl });
    await deleter.connect();
    try {
      await deleter.query("begin isolation level repeatable read");
      await deleter.query("select count(*) from public.edges"); // takes the snapshot
      await client.query(
        `insert into public.edges (workflow_id, id, source, target) values ($1, 'ad', 'a', 'd')`,
        [workflowId],
      );
      // Postgres's key check sees the edge committed after the snapshot and refuses to serialize.
      await expect(
        deleter.query(`delete from public.nodes where workflow_id = $1 and id = 'd'`, [workflowId]),
      ).rejects.toMatchObject({ code: "40001" });
      await deleter.query("rollback");
    } finally {
      await deleter.end();
    }
    const dangling = await client.query(
      `select e.id from public.edges e
       where not exists (select 1 from public.nodes n where n.workflow_id = e.workflow_id and n.id = e.target)`,
    );
    expect(dangling.rows).toEqual([]);
    expect(await edgeIds()).toEqual(["ab", "ad", "bc"]);
  });

  it("checks and cascades for a signed-in user too (row level security on)", async () => {
    const prisma = getPrisma(databaseUrl);
    await expect(
      withRls(
        owner.claims,
        (tx) =>
          tx.$executeRaw`insert into public.edges (workflow_id, id, source, target) values (${workflowId}::uuid, 'ax', 'a', 'x')`,
        { prisma },
      ),
    ).rejects.toThrow(/edges_workflow_id_target_fkey/);
    await withRls(
      owner.claims,
      (tx) => tx.$executeRaw`delete from public.nodes where workflow_id = ${workflowId}::uuid and id = 'a'`,
      {
        prisma,
      },
    );
    expect(await edgeIds()).toEqual(["bc"]);
  });
});
