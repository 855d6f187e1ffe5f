import { getServerEnv } from "@/server/platform/env/env";
import { processSingleton } from "@/server/platform/process-singleton";
import { deleteOldRuns } from "@/server/runs";
import { scheduleDispatcher, schedulerEnabled, schedulerPollSeconds } from "./dispatcher";
import { Scheduler } from "./scheduler";

type Held = { scheduler: Scheduler; started?: Promise<boolean> };

function held(): Held {
  return processSingleton("schedules-scheduler", () => {
    const env = getServerEnv();
    return {
      scheduler: new Scheduler({
        connectionString: env.DATABASE_URL,
        pollSeconds: schedulerPollSeconds(),
        retention: () => deleteOldRuns({ days: getServerEnv().TRYLIATE_RUN_RETENTION_DAYS }),
      }),
    };
  });
}

/** Whether this process runs the built-in scheduler: a long-running server, unless TRYLIATE_SCHEDULER=off. */
export function runsBuiltInScheduler(): boolean {
  return scheduleDispatcher().kind === "pg-boss" && schedulerEnabled();
}

/**
 * Starts this process's scheduler once however often it is called (from instrumentation, at the
 * server's start, never during a build). Resolves false, with a log line, when it could not start.
 */
export function startSchedulerOnce(): Promise<boolean> {
  const state = held();
  state.started ??= state.scheduler.start().then(
    () => true,
    (error: unknown) => {
      console.error(`[schedules] the scheduler did not start: ${(error as Error).message}`);
      state.started = undefined;
      return false;
    },
  );
  return state.started;
}

/**
 * Registers a workflow's schedules with this process's scheduler right after its activation
 * changed. Where this process runs none (or has not started it), the scheduler that runs elsewhere
 * picks the change up within a minute (and Inngest's cron function reads activations each time).
 */
export async function syncSchedules(workflowId: string): Promise<void> {
  const state = held();
  if (!state.started || !(await state.started)) return;
  try {
    await held().scheduler.sync(workflowId);
  } catch (error) {
    console.error(
      `[schedules] could not register the schedules of ${workflowId}: ${(error as Error).message}`,
    );
  }
}
