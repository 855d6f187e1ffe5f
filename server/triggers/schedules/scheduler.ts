import { type JobWithMetadata, PgBoss } from "pg-boss";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { type FireResult, fireScheduledSlot } from "./fire";
import { type ScheduleJobData, wantedRegistrations, workflowOfKey } from "./registrations";

/** pg-boss's tables live in a schema of their own, which the Supabase Data API and Realtime do not expose. */
export const SCHEDULER_SCHEMA = "pgboss";
/** The queue of schedule fires: one job per schedule slot (pg-boss files cron jobs one per minute). */
export const SCHEDULE_QUEUE = "workflow-schedule";
/** The daily retention job (deletes old runs). */
export const RETENTION_QUEUE = "run-retention";
/** Every day at 03:00 UTC, as the Inngest function does it where no process stays up. */
export const RETENTION_CRON = "0 3 * * *";
const RECONCILE_EVERY_MS = 60_000;

export type SchedulerOptions = {
  connectionString: string;
  schema?: string;
  /** pg-boss's cron pass interval: how late a slot may fire at most, beyond the pass itself. */
  pollSeconds: number;
  prisma?: PrismaClient;
  /** Starts the run of a fired slot (the runs service through the run engine). */
  fire?: (job: ScheduleJobData, sentAt: Date) => Promise<FireResult>;
  /** The retention job; left out, no retention job is scheduled. */
  retention?: () => Promise<unknown>;
  log?: (line: string) => void;
};

/**
 * The self-hosted scheduler: pg-boss in this process, with its jobs in Postgres. Every active
 * workflow's schedule nodes are registered as pg-boss schedules (`sync`); pg-boss's cron pass sends
 * one job per slot, under a singleton key, whichever of several processes on the database runs the
 * pass; one of them takes the job and starts the run, keyed by the slot, so a slot is one run.
 * A slot missed while no process ran is sent once on start (missed: "once") or not (`skip`).
 */
export class Scheduler {
  readonly boss: PgBoss;
  private reconcileTimer: ReturnType<typeof setInterval> | null = null;
  private readonly log: (line: string) => void;

  constructor(private readonly options: SchedulerOptions) {
    this.log = options.log ?? ((line) => console.error(`[schedules] ${line}`));
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema ?? SCHEDULER_SCHEMA,
      application_name: "tryliate scheduler",
      max: 3,
      cronMonitorIntervalSeconds: options.pollSeconds,
      cronWorkerIntervalSeconds: Math.min(5, options.pollSeconds),
      // Wakes the fire worker the moment a slot's job is made (polling stays as the floor; behind a
      // transaction pooler pg-boss warns and polls only).
      useListenNotify: true,
    });
    this.boss.on("error", (error) => this.log(`pg-boss: ${(error as Error).message}`));
  }

  async start(): Promise<void> {
    await this.boss.start();
    // A fire refused for now (the owner's runs at their limit, the database away) is tried again soon.
    await this.boss.createQueue(SCHEDULE_QUEUE, {
      notify: true,
      retryLimit: 10,
      retryDelay: 1,
      retryBackoff: true,
    });
    await this.boss.work(
      SCHEDULE_QUEUE,
      { includeMetadata: true, pollingIntervalSeconds: Math.min(2, this.options.pollSeconds), batchSize: 5 },
      (jobs: JobWithMetadata<ScheduleJobData>[]) => Promise.all(jobs.map((job) => this.onFire(job))),
    );
    if (this.options.retention) {
      const retention = this.options.retention;
      await this.boss.createQueue(RETENTION_QUEUE, { retryLimit: 2 });
      await this.boss.schedule(RETENTION_QUEUE, RETENTION_CRON, null, { tz: "UTC" });
      await this.boss.work(RETENTION_QUEUE, async () => {
        await retention();
      });
    }
    await this.sync();
    // Picks up edits of active workflows' schedules and deleted workflows; activation syncs at once.
    this.reconcileTimer = setInterval(() => {
      this.sync().catch((error: unknown) => this.log(`sync failed: ${(error as Error).message}`));
    }, RECONCILE_EVERY_MS);
    this.reconcileTimer.unref?.();
  }

  async stop(options: { graceful?: boolean } = {}): Promise<void> {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    this.reconcileTimer = null;
    await this.boss.stop({ graceful: options.graceful ?? true, close: true, timeout: 10_000 });
  }

  /**
   * Makes pg-boss's schedules match the schedule nodes of active workflows (of one workflow, when
   * given): registers new and changed ones, removes those of deactivated or deleted workflows and
   * deleted nodes. An unchanged schedule is left as it is, so its record of missed slots stays.
   */
  async sync(workflowId?: string): Promise<void> {
    const wanted = await wantedRegistrations({ workflowId, prisma: this.options.prisma });
    const registered = (await this.allRegistered()).filter(
      (schedule) => !workflowId || workflowOfKey(schedule.key) === workflowId,
    );
    const byKey = new Map(registered.map((schedule) => [schedule.key, schedule]));
    for (const want of wanted) {
      const have = byKey.get(want.key);
      byKey.delete(want.key);
      const same =
        have &&
        have.cron === want.data.expression &&
        have.timezone === want.data.timeZone &&
        have.options?.missed === want.missed &&
        JSON.stringify(have.data) === JSON.stringify(want.data);
      if (same) continue;
      await this.boss.schedule(SCHEDULE_QUEUE, want.data.expression, want.data, {
        tz: want.data.timeZone,
        key: want.key,
        missed: want.missed,
      });
    }
    for (const stale of byKey.values()) await this.boss.unschedule(SCHEDULE_QUEUE, stale.key);
  }

  private async allRegistered() {
    const all = [];
    let after: { name: string; key: string } | undefined;
    for (;;) {
      const page = await this.boss.getSchedules(SCHEDULE_QUEUE, undefined, { limit: 1000, after });
      all.push(...page);
      const last = page.at(-1);
      if (page.length < 1000 || !last) return all;
      after = { name: last.name, key: last.key };
    }
  }

  private async onFire(job: JobWithMetadata<ScheduleJobData>): Promise<FireResult> {
    const fire = this.options.fire ?? ((data, sentAt) => fireScheduledSlot(data, sentAt));
    const result = await fire(job.data, job.createdOn);
    if (!result.fired)
      this.log(`slot of ${job.data.workflowId}/${job.data.nodeId} dropped: ${result.reason}`);
    return result;
  }
}
