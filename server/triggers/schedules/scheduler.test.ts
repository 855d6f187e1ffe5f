import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { writeActivation } from "@/server/triggers/activation-store";
import { databaseUrl, setUpOwnerAndIntruder, testPrisma, waitFor } from "@/test/runs";
import { activeScheduledWorkflow, deactivateAll, scheduleNode, sql } from "@/test/schedules";
import { type FireResult, fireScheduledSlot } from "./fire";
import { registrationKey, type ScheduleJobData } from "./registrations";
import { RETENTION_CRON, RETENTION_QUEUE, SCHEDULE_QUEUE, Scheduler } from "./scheduler";

const env = setUpOwnerAndIntruder();
const prisma = testPrisma();
const schema = `pgboss_test_${randomUUID().slice(0, 8)}`;

const scheduledRuns = (workflowId: string) =>
  sql<{ trigger_node_id: string; trigger_key: string; input: { scheduledFor: string } }>(
    "select trigger_node_id, trigger_key, input from public.executions where workflow_id = $1 and trigger_kind = 'schedule' order by started_at",
    [workflowId],
  );

const started: Scheduler[] = [];
type Fire = FireResult & { workflowId: string };
function scheduler(fires?: Fire[], retention?: () => Promise<unknown>): Scheduler {
  const made = new Scheduler({
    connectionString: databaseUrl,
    schema,
    pollSeconds: 1,
    prisma,
    fire: async (job: ScheduleJobData, sentAt: Date) => {
      const result = await fireScheduledSlot(job, sentAt, { prisma });
      fires?.push({ ...result, workflowId: job.workflowId });
      return result;
    },
    retention,
    log: () => {},
  });
  started.push(made);
  return made;
}

afterEach(async () => {
  await deactivateAll(env.fx.user.id);
  for (const one of started.splice(0)) await one.stop({ graceful: false }).catch(() => {});
});
afterAll(async () => {
  await sql(`drop schema if exists ${schema} cascade`);
});

describe("the self-hosted scheduler (pg-boss)", () => {
  it("registers an active workflow's schedules, follows an edit and forgets them when it is deactivated", async () => {
    const one = scheduler();
    await one.start();
    const workflowId = await activeScheduledWorkflow(env.fx, [
      scheduleNode("s", { mode: "daily", at: "07:30", timeZone: "Europe/Paris" }),
    ]);
    await one.sync(workflowId);
    const key = registrationKey(workflowId, "s");
    expect(await one.boss.getSchedule(SCHEDULE_QUEUE, key)).toMatchObject({
      cron: "30 7 * * *",
      timezone: "Europe/Paris",
      data: { workflowId, nodeId: "s", expression: "30 7 * * *" },
      options: { missed: "once" },
    });

    await sql("update public.nodes set data = data || $3 where workflow_id = $1 and id = $2", [
      workflowId,
      "s",
      { mode: "every", minutes: 10, missed: "skip" },
    ]);
    await one.sync(workflowId);
    expect(await one.boss.getSchedule(SCHEDULE_QUEUE, key)).toMatchObject({
      cron: "*/10 * * * *",
      options: { missed: "skip" },
    });

    await writeActivation({ workflowId, userId: env.fx.user.id, active: false }, prisma);
    await one.sync();
    expect(await one.boss.getSchedule(SCHEDULE_QUEUE, key)).toBeNull();
  }, 60_000);

  it("schedules the daily retention job and runs it when it comes", async () => {
    let deletions = 0;
    const one = scheduler(undefined, async () => {
      deletions++;
    });
    await one.start();
    expect(await one.boss.getSchedule(RETENTION_QUEUE)).toMatchObject({
      cron: RETENTION_CRON,
      timezone: "UTC",
    });
    await one.boss.send(RETENTION_QUEUE, {});
    await waitFor(async () => (deletions > 0 ? true : null), 15_000);
  }, 60_000);

  it("keeps its tables in a schema of their own, out of the Data API's and Realtime's reach", async () => {
    await scheduler().start();
    const [reach] = await sql<{ anon: boolean; authenticated: boolean; published: number }>(
      `select has_schema_privilege('anon', $1, 'usage') as anon,
              has_schema_privilege('authenticated', $1, 'usage') as authenticated,
              (select count(*)::int from pg_publication_tables where schemaname = $1) as published`,
      [schema],
    );
    expect(reach).toEqual({ anon: false, authenticated: false, published: 0 });
  }, 60_000);

  it("fires each slot once with two scheduler processes on one database", async () => {
    const fires: Fire[] = [];
    const [a, b] = [scheduler(fires), scheduler(fires)];
    await Promise.all([a.start(), b.start()]);
    // Every second: pg-boss sends one job per minute slot whoever runs its cron pass.
    const workflowId = await activeScheduledWorkflow(env.fx, [
      scheduleNode("s", { mode: "cron", expression: "* * * * * *" }),
    ]);
    await Promise.all([a.sync(workflowId), b.sync(workflowId)]);
    const [first] = await waitFor(async () => {
      const runs = await scheduledRuns(workflowId);
      return runs.length > 0 ? runs : null;
    }, 20_000);
    expect(first).toMatchObject({ trigger_node_id: "s", trigger_key: first?.input.scheduledFor });

    // The same slot delivered again, to both processes at once (a retried job): still one run.
    const job = { workflowId, nodeId: "s", expression: "* * * * * *", timeZone: "UTC" };
    const again = await Promise.all(
      [0, 1].map(() => fireScheduledSlot(job, new Date(first?.input.scheduledFor ?? 0), { prisma })),
    );
    expect(again).toEqual([
      expect.objectContaining({ fired: true, repeated: true }),
      expect.objectContaining({ fired: true, repeated: true }),
    ]);

    // Both processes keep running their cron passes every second for a while.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const runs = await scheduledRuns(workflowId);
    const keys = runs.map((run) => run.trigger_key);
    expect(new Set(keys).size).toBe(keys.length);
    const minutes = runs.map((run) => run.input.scheduledFor.slice(0, 16));
    expect(new Set(minutes).size).toBe(minutes.length);
    expect(
      fires.filter((fire) => fire.workflowId === workflowId && fire.fired && !fire.repeated),
    ).toHaveLength(runs.length);
  }, 60_000);

  it("runs a slot missed while no scheduler ran once on start, or skips it, as each node says", async () => {
    const down = scheduler();
    await down.start();
    // A daily slot three minutes ago, while the server was "down" (its last cron pass ten minutes ago).
    const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3 * 60_000);
    const at = slot.toISOString().slice(11, 16);
    const workflowId = await activeScheduledWorkflow(env.fx, [
      scheduleNode("once", { mode: "daily", at, missed: "run-once" }),
      scheduleNode("skip", { mode: "daily", at, missed: "skip" }),
    ]);
    await down.sync(workflowId);
    await down.stop();
    await sql(`update ${schema}.version set cron_on = now() - interval '10 minutes'`);
    await sql(`update ${schema}.schedule set created_on = now() - interval '1 hour'`);

    const fires: Fire[] = [];
    const restarted = scheduler(fires);
    await restarted.start();
    await waitFor(async () => ((await scheduledRuns(workflowId)).length > 0 ? true : null), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const runs = await scheduledRuns(workflowId);
    expect(runs).toEqual([
      expect.objectContaining({ trigger_node_id: "once", trigger_key: slot.toISOString() }),
    ]);
    expect(fires.filter((fire) => fire.workflowId === workflowId && fire.fired)).toHaveLength(1);
  }, 60_000);
});
