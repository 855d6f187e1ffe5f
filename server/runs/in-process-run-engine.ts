import { randomUUID } from "node:crypto";
import type { InProcessEngine } from "./in-process";
import { type PlannedRun, type RunEngine, requestIdFor, type StartedRun } from "./run-engine";
import type { RunStore } from "./store";

/** How long a cancel waits for the run to end here before marking it cancelled itself. */
const CANCEL_GRACE_MS = 2_000;

/** Runs in this process, queued in Postgres (the default on a long-running server). */
export class InProcessRunEngine implements RunEngine {
  readonly name = "in-process" as const;

  constructor(
    private readonly deps: { store: RunStore; executor: InProcessEngine; maxActivePerUser: number },
  ) {}

  async start(run: PlannedRun): Promise<StartedRun> {
    const { trigger, ...fields } = run;
    const requestId = requestIdFor(run);
    const id = `run_${randomUUID()}`;
    // Beyond the limit the store throws runs.too_many_running (an AppError, answered with 429).
    const { owner, leaseMs } = this.deps.executor.leases;
    const made = await this.deps.store.create(
      {
        ...fields,
        id,
        engine: this.name,
        requestId,
        triggerKind: trigger.kind,
        triggerKey: trigger.key,
        lease: { owner, ms: leaseMs },
      },
      this.deps.maxActivePerUser,
      run.reused.map((entry) => ({ ...entry, executionId: id })),
    );
    if (made.created) void this.deps.executor.start(made.id);
    return { id: made.id, requestId, engine: this.name, repeated: !made.created };
  }

  async cancel(run: { id: string }): Promise<void> {
    const { executor, store } = this.deps;
    await executor.cancel(run.id);
    // Going here: the engine ends it (and logs the step it cut short). Going nowhere: it ends now.
    const outcome = await Promise.race([
      executor.finished(run.id),
      new Promise((resolve) => setTimeout(resolve, CANCEL_GRACE_MS, "busy")),
    ]);
    if (outcome === null) await store.setStatus(run.id, "cancelled", { error: "Cancelled." });
  }

  resume(): Promise<string[]> {
    return this.deps.executor.resumeUnfinished();
  }
}
