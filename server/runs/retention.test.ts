import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, testPrisma } from "@/test/runs";
import { insertTestUser } from "@/test/users";
import { deleteOldRuns } from "./retention";

const prisma = testPrisma();
const client = new pg.Client({ connectionString: databaseUrl });
// The real clock: the deletion is instance-wide, and runs of tests going at the same time are minutes old.
const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
let workflowId: string;

beforeAll(async () => {
  await client.connect();
  const user = await insertTestUser(databaseUrl);
  workflowId = randomUUID();
  await client.query("insert into public.workflows (id, user_id) values ($1, $2)", [workflowId, user.id]);
  const rows: Array<[string, string, Date]> = [
    ["old-succeeded", "succeeded", daysAgo(31)],
    ["old-failed", "failed", daysAgo(45)],
    ["old-running", "running", daysAgo(40)],
    ["recent", "succeeded", daysAgo(29)],
  ];
  for (const [name, status, startedAt] of rows) {
    const id = `${name}-${workflowId}`;
    await client.query(
      "insert into public.executions (id, workflow_id, user_id, status, started_at) values ($1, $2, $3, $4, $5)",
      [id, workflowId, user.id, status, startedAt],
    );
    await client.query("insert into public.execution_logs (execution_id, step_name) values ($1, 'step')", [
      id,
    ]);
  }
});

afterAll(() => client.end());

describe("run retention", () => {
  it("deletes finished runs older than the age, with their logs; keeps recent and unfinished ones", async () => {
    const { before } = await deleteOldRuns({ days: 30, now, prisma });
    expect(before.toISOString()).toBe(daysAgo(30).toISOString());
    const left = await client.query(
      "select e.id, count(l.id)::int as logs from public.executions e left join public.execution_logs l on l.execution_id = e.id where e.workflow_id = $1 group by e.id order by e.id",
      [workflowId],
    );
    expect(left.rows).toEqual([
      { id: `old-running-${workflowId}`, logs: 1 },
      { id: `recent-${workflowId}`, logs: 1 },
    ]);
    const orphans = await client.query(
      "select count(*)::int as n from public.execution_logs where execution_id in ($1, $2)",
      [`old-succeeded-${workflowId}`, `old-failed-${workflowId}`],
    );
    expect(orphans.rows[0].n).toBe(0);
  });
});
