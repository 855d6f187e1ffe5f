import { RUN_LIMITS } from "@/lib/runs/status";
import { type AttemptEnv, attemptNode, stepName } from "./attempt";
import { checkpointsFrom } from "./checkpoints";
import { type NodeOutcome, orchestrate, type RunOutcome } from "./orchestrate";
import { planRun } from "./plan";
import type { LogEntry, RunStore } from "./store";
import type { ToolCaller } from "./tool-caller";

export type InProcessOptions = {
  store: RunStore;
  tools: ToolCaller;
  backoffMs?: (attempt: number) => number;
  maxParallel?: number;
  log?: (line: string) => void;
};

class Halted extends Error {}

/**
 * The default engine: runs execute inside the app's own process. Durable through Postgres: every
 * step's ending is logged before the next step starts, and `resumeUnfinished` (called when the
 * server starts) finishes runs a stopped server left queued or running, from those checkpoints.
 */
export class InProcessEngine {
  readonly name = "in-process" as const;
  private readonly controllers = new Map<string, AbortController>();
  private readonly active = new Map<string, Promise<RunOutcome | null>>();
  private halted = false;

  constructor(private readonly options: InProcessOptions) {}

  /** Starts (or resumes) a stored run in the background; a run already going here is left alone. */
  start(runId: string): Promise<RunOutcome | null> {
    const existing = this.active.get(runId);
    if (existing) return existing;
    const done = this.execute(runId).catch((error: unknown) => {
      if (!(error instanceof Halted)) this.options.log?.(`run ${runId} stopped: ${(error as Error).message}`);
      return null;
    });
    this.active.set(runId, done);
    void done.finally(() => this.active.delete(runId));
    return done;
  }

  /** The outcome of a run going in this process (null when it is not going here). */
  finished(runId: string): Promise<RunOutcome | null> {
    return this.active.get(runId) ?? Promise.resolve(null);
  }

  async cancel(runId: string): Promise<void> {
    await this.options.store.requestCancel(runId);
    this.controllers.get(runId)?.abort(new Error("Cancelled."));
  }

  async resumeUnfinished(): Promise<string[]> {
    const ids = await this.options.store.unfinished("in-process");
    for (const id of ids) void this.start(id);
    return ids;
  }

  /** Stops as a killed server would: no further writes, nothing marked finished. For tests of resuming. */
  async halt(): Promise<void> {
    this.halted = true;
    for (const controller of this.controllers.values()) controller.abort(new Halted("halted"));
    await Promise.allSettled(this.active.values());
  }

  private async execute(runId: string): Promise<RunOutcome | null> {
    const { store } = this.options;
    const run = await store.load(runId);
    if (!run || (run.status !== "queued" && run.status !== "running")) return null;
    if (run.cancelRequested) {
      await store.setStatus(runId, "cancelled", { error: "Cancelled before it started." });
      return { status: "cancelled", error: "Cancelled before it started." };
    }
    const plan = planRun(run.graph, run.triggerNodeId, () => ({ inputSchema: null }));
    const { known, attempts } = checkpointsFrom(run.logs);
    const controller = new AbortController();
    this.controllers.set(runId, controller);
    try {
      if (run.status !== "running") await store.setStatus(runId, "running");
      const env: AttemptEnv = {
        plan,
        run: { id: run.id, userId: run.userId, workflowId: run.workflowId, input: run.input },
        log: (entry) => this.write(entry),
        tools: this.options.tools,
        signal: controller.signal,
        backoffMs: this.options.backoffMs,
      };
      const outcome = await orchestrate({
        plan,
        known,
        maxParallel: this.options.maxParallel ?? RUN_LIMITS.maxParallelSteps,
        isCancelled: () => controller.signal.aborted,
        skipNode: (nodeId) => this.write(skipEntry(env, nodeId)),
        runNode: (nodeId, outputs, arrived) =>
          this.runNode(env, nodeId, (attempts.get(nodeId) ?? 0) + 1, outputs, arrived),
      });
      if (this.halted) throw new Halted("halted");
      await store.setStatus(
        runId,
        outcome.status,
        outcome.status === "succeeded" ? { output: outcome.output, error: null } : { error: outcome.error },
      );
      return outcome;
    } finally {
      this.controllers.delete(runId);
    }
  }

  /** Attempts a node until it succeeds, fails for good or the run is cancelled; backoff between attempts. */
  private async runNode(
    env: AttemptEnv,
    nodeId: string,
    firstAttempt: number,
    outputs: Record<string, unknown>,
    arrived: string[],
  ): Promise<NodeOutcome> {
    for (let attempt = firstAttempt; ; attempt++) {
      const result = await attemptNode(env, nodeId, attempt, outputs, arrived);
      if (result.kind !== "retry") return result;
      if (!(await sleep(result.delayMs, env.signal))) {
        const error = "Cancelled while waiting to retry.";
        await env.log({ ...skipEntry(env, nodeId), event: "cancelled", attempt, error });
        return { kind: "cancelled", error };
      }
    }
  }

  private async write(entry: LogEntry): Promise<void> {
    if (this.halted) throw new Halted("halted");
    await this.options.store.append(entry);
  }
}

function skipEntry(env: AttemptEnv, nodeId: string): LogEntry {
  const node = env.plan.nodes.get(nodeId);
  return {
    executionId: env.run.id,
    workflowId: env.run.workflowId,
    nodeId,
    stepName: node ? stepName(node) : nodeId,
    event: "skipped",
    attempt: 1,
  };
}

/** Resolves true after ms, false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
