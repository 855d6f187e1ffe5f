import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, testPrisma } from "@/test/runs";
import { insertTestUser } from "@/test/users";
import { createInngestClient } from "./inngest";
import { deleteOldRuns } from "./retention";
import { createRetentionFunction, RETENTION_CRON } from "./retention-function";

const client = new pg.Client({ connectionString: databaseUrl });
const oldRun = `retention-fn-${randomUUID()}`;

beforeAll(async () => {
  await client.connect();
  const user = await insertTestUser(databaseUrl);
  const workflowId = randomUUID();
  await client.query("insert into public.workflows (id, user_id) values ($1, $2)", [workflowId, user.id]);
  await client.query(
    "insert into public.executions (id, workflow_id, user_id, status, started_at) values ($1, $2, $3, 'succeeded', now() - interval '8 days')",
    [oldRun, workflowId, user.id],
  );
});

afterAll(() => client.end());

describe("the retention function on Inngest", () => {
  it("runs daily by cron and deletes runs older than the configured age", async () => {
    const fn = createRetentionFunction(
      createInngestClient({}),
      () => 7,
      (options) => deleteOldRuns({ ...options, prisma: testPrisma() }),
    );
    expect(RETENTION_CRON).toBe("TZ=UTC 0 3 * * *");
    const { result } = await new InngestTestEngine({ function: fn }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: RETENTION_CRON } }],
    });
    expect(result).toMatchObject({ runs: expect.any(Number), before: expect.any(String) });
    expect((result as { runs: number }).runs).toBeGreaterThanOrEqual(1);
    const left = await client.query("select 1 from public.executions where id = $1", [oldRun]);
    expect(left.rowCount).toBe(0);
  });
});
