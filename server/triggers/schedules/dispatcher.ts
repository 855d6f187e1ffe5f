import { inngestConfigured, isServerless } from "@/server/runs";

type Source = Record<string, string | undefined>;

export type ScheduleDispatcher =
  | { ready: true; kind: "pg-boss" | "inngest" }
  | { ready: false; kind: null; message: string };

export const SERVERLESS_WITHOUT_SCHEDULER =
  "Schedules on a serverless deployment need Inngest, whose cron function fires them: set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (from your Inngest app) and deploy again, or run the app as a long-running server (next start, a container), where the built-in scheduler fires them.";

/**
 * Who fires schedules here. A long-running server: pg-boss in this process (its jobs live in
 * Postgres, so several processes on one database share them). A serverless deployment, where no
 * process stays up: Inngest's cron function, or nobody (then activating a schedule refuses, saying
 * what to configure).
 */
export function scheduleDispatcher(env: Source = process.env): ScheduleDispatcher {
  if (!isServerless(env)) return { ready: true, kind: "pg-boss" };
  if (inngestConfigured(env)) return { ready: true, kind: "inngest" };
  return { ready: false, kind: null, message: SERVERLESS_WITHOUT_SCHEDULER };
}

/** Seconds between two looks at the schedule table (pg-boss's cron pass); 1 to 45, default 30. */
export function schedulerPollSeconds(env: Source = process.env): number {
  const raw = env.TRYLIATE_SCHEDULER_POLL_SECONDS?.trim();
  if (!raw) return 30;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 45)
    throw new Error(`TRYLIATE_SCHEDULER_POLL_SECONDS must be a whole number from 1 to 45 (got "${raw}").`);
  return seconds;
}

/** Whether this process runs the built-in scheduler (TRYLIATE_SCHEDULER=off keeps a process out of it). */
export function schedulerEnabled(env: Source = process.env): boolean {
  const value = env.TRYLIATE_SCHEDULER?.trim().toLowerCase();
  return !(value === "off" || value === "0" || value === "false");
}
