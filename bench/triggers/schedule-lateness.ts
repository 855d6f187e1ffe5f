import { randomUUID } from "node:crypto";
import { Cron } from "croner";
import pg from "pg";
import { type Summary, summarize } from "../graph/stats";

/** Seconds the measurement lasts: each schedule fires once in it, at a second of its own. */
const WINDOW_SECONDS = 60;

export type LatenessReport = {
  scheduler: Summary;
  /** Slot → pg-boss's job for it (the scheduler's own part, before the run is started). */
  jobs: Summary;
  baseline: Summary;
  lost: number;
  duplicated: number;
  /** pg-boss's job made → taken by the fire worker. */
  taken: Summary;
  /** Fires taken more than once (refused, then retried after a backoff). */
  retried: number;
};

/**
 * Schedule fire lateness: 60 schedule nodes of one active workflow, `S * * * * *` for S = 0…59,
 * fired by the app's scheduler (pg-boss, polling every `pollSeconds`) for a minute; lateness is
 * from each slot to its run's row. Beside it, in the same minute, the floor of any scheduler that
 * writes a row per slot: an in-process timer (croner, every second) inserting one row per second.
 */
export async function measureScheduleLateness(
  databaseUrl: string,
  pollSeconds: number,
): Promise<LatenessReport> {
  const { writeActivation } = await import("../../server/triggers/activation-store");
  const { Scheduler } = await import("../../server/triggers/schedules/scheduler");
  const { getPrisma } = await import("../../server/platform/db/client");
  const prisma = getPrisma(databaseUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const userId = randomUUID();
  await db.query(
    `insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data, email_confirmed_at)
     values ($1, 'authenticated', 'authenticated', $2, '{"provider":"email"}', '{}', now())`,
    [userId, `bench-${userId.slice(0, 8)}@example.test`],
  );
  const workflowId = randomUUID();
  await db.query("insert into public.workflows (id, user_id, name) values ($1, $2, 'bench schedules')", [
    workflowId,
    userId,
  ]);
  for (let second = 0; second < 60; second++) {
    const data = {
      label: `at :${second}`,
      mode: "cron",
      minutes: 15,
      at: "09:00",
      day: 1,
      expression: `${second} * * * * *`,
      timeZone: "UTC",
      missed: "skip",
    };
    await db.query(
      "insert into public.nodes (workflow_id, id, type, data, position_x, position_y) values ($1, $2, 'schedule', $3, $4, 0)",
      [workflowId, `s${second}`, data, second * 240],
    );
  }
  await writeActivation({ workflowId, userId, active: true }, prisma);
  await db.query(
    "create table if not exists public.bench_timer_fires (slot timestamptz primary key, at timestamptz not null)",
  );

  const scheduler = new Scheduler({ connectionString: databaseUrl, pollSeconds, prisma, log: () => {} });
  await scheduler.start();
  // Registering fires each schedule's slot of the minute before at once (pg-boss's due window): measured from the next whole second on.
  const from = new Date(Math.ceil((Date.now() + 2_000) / 1000) * 1000);
  const until = new Date(from.getTime() + WINDOW_SECONDS * 1000);
  const timer = new Cron("* * * * * *", { timezone: "UTC" }, async (job: Cron) => {
    const slot = job.currentRun();
    if (!slot || slot < from || slot >= until) return;
    await db.query(
      "insert into public.bench_timer_fires (slot, at) values ($1, clock_timestamp()) on conflict do nothing",
      [slot],
    );
  });
  await new Promise((resolve) => setTimeout(resolve, until.getTime() - Date.now() + 5_000));
  timer.stop();
  await scheduler.stop();

  const runs = await db.query<{ key: string; n: number; late_ms: number }>(
    `select trigger_key as key, count(*)::int as n,
            extract(epoch from (min(started_at) - trigger_key::timestamptz)) * 1000 as late_ms
       from public.executions where workflow_id = $1 and trigger_kind = 'schedule'
        and trigger_key::timestamptz >= $2 and trigger_key::timestamptz < $3
      group by trigger_key`,
    [workflowId, from, until],
  );
  const jobRows = await db.query<{ late_ms: number }>(
    // Each schedule's slot is second S of the minute (its expression is "S * * * * *").
    `select mod((extract(epoch from created_on) - split_part(data->>'expression', ' ', 1)::int)::numeric, 60) * 1000 as late_ms
       from pgboss.job where name = 'workflow-schedule' and data->>'workflowId' = $1
        and created_on >= $2 and created_on < $3`,
    [workflowId, from, until],
  );
  const taken = await db.query<{ wait_ms: number }>(
    "select extract(epoch from (started_on - created_on)) * 1000 as wait_ms from pgboss.job where name = 'workflow-schedule' and data->>'workflowId' = $1 and created_on >= $2 and created_on < $3",
    [workflowId, from, until],
  );
  const retried = await db.query<{ n: number }>(
    "select count(*)::int as n from pgboss.job where name = 'workflow-schedule' and data->>'workflowId' = $1 and retry_count > 0",
    [workflowId],
  );
  const timerRows = await db.query<{ late_ms: number }>(
    "select extract(epoch from (at - slot)) * 1000 as late_ms from public.bench_timer_fires where slot >= $1 and slot < $2",
    [from, until],
  );
  await db.end();
  return {
    scheduler: summarize(runs.rows.map((row) => Number(row.late_ms))),
    jobs: summarize(jobRows.rows.map((row) => Number(row.late_ms))),
    baseline: summarize(timerRows.rows.map((row) => Number(row.late_ms))),
    lost: WINDOW_SECONDS - runs.rows.length,
    duplicated: runs.rows.filter((row) => row.n > 1).length,
    retried: retried.rows[0]?.n ?? 0,
    taken: summarize(taken.rows.map((row) => Number(row.wait_ms))),
  };
}
