// Runs once when the Next.js server starts (`next start`, `next dev`, each Vercel function
// instance): a missing or malformed variable stops it here, with one message naming each.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentAtStart } = await import("@/server/platform/env/startup");
    checkEnvironmentAtStart();
    if (process.env.NEXT_PHASE === "phase-production-build") return;
    // Runs a stopped server left going finish here (in-process engine only; Inngest resumes its own).
    const { runsAvailability } = await import("./server/runs/config");
    if (runsAvailability().engine === "in-process") {
      const { resumeInProcessRunsOnce } = await import("./server/runs/engine");
      void resumeInProcessRunsOnce();
    }
    // Schedules and the retention job, on a long-running server (pg-boss, jobs kept in Postgres).
    const { runsBuiltInScheduler, startSchedulerOnce } = await import("./server/triggers/schedules/process");
    if (runsBuiltInScheduler()) void startSchedulerOnce();
  }
}
