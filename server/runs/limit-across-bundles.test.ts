import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { RUN_LIMITS } from "@/lib/runs/status";
import { databaseUrl } from "@/test/runs";
import { callerWithClaims, trpcError } from "@/test/trpc";
import { insertTestUser, type TestUser } from "@/test/users";

let user: TestUser;
let workflowId: string;

async function sql(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  // In the running app the instrumentation hook makes the run store (resuming runs at start), in a
  // bundle of its own: its classes are other copies than those of the route that starts a run.
  // A fresh module graph here makes the run store the same way.
  delete (globalThis as { __tryliateRuns?: unknown }).__tryliateRuns;
  vi.resetModules();
  const instrumentation = (await import("./engine")) as typeof import("./engine");
  instrumentation.runtime();

  user = await insertTestUser(databaseUrl);
  workflowId = randomUUID();
  await sql("insert into public.workflows (id, user_id, name) values ($1, $2, 'limit')", [
    workflowId,
    user.id,
  ]);
  await sql(
    `insert into public.nodes (workflow_id, id, type, data, position_x, position_y)
     values ($1, 't', 'trigger', '{"label":"Start","input":"{}"}', 0, 0)`,
    [workflowId],
  );
  // Runs of the Inngest engine only count against the limit: the in-process engine leaves them be.
  for (let i = 0; i < RUN_LIMITS.maxActiveRunsPerUser; i++) {
    await sql(
      "insert into public.executions (id, workflow_id, user_id, status, engine) values ($1, $2, $3, 'running', 'inngest')",
      [`run_${randomUUID()}`, workflowId, user.id],
    );
  }
}, 60_000);

describe("the running-runs limit, with the run store made by another bundle", () => {
  it("answers TOO_MANY_REQUESTS with the code and the sentence, not an internal error", async () => {
    const over = await trpcError(callerWithClaims(user.claims).runs.start({ workflowId, input: "{}" }));
    expect([over.code, over.message]).toEqual([
      "TOO_MANY_REQUESTS",
      `You already have ${RUN_LIMITS.maxActiveRunsPerUser} runs going (at most ${RUN_LIMITS.maxActiveRunsPerUser} at once); wait for one to finish or cancel one.`,
    ]);
    expect((over.cause as { code?: unknown }).code).toBe("runs.too_many_running");
    const { rows } = await sql("select count(*)::int as n from public.executions where user_id = $1", [
      user.id,
    ]);
    expect(rows[0].n).toBe(RUN_LIMITS.maxActiveRunsPerUser);
  });
});
