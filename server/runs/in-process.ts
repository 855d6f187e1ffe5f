import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { RUN_LIMITS } from "@/lib/runs/status";
import { type AttemptEnv, attemptNode, stepName } from "./attempt";
import { checkpointsFrom } from "./checkpoints";
import { DatabaseUnavailable, retryDb } from "./db-retry";
import { RunLeases } from "./leases";
import { LeaseLost, LogWriter } from "./log-writer";
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
  /** Names this engine in leases; unique per process by default. */
  owner?: string;
  /** How long a lease lasts without a heartbeat (30 s); renewed every third of it. */
  leaseMs?: number;
  /** How often the sweep looks for runs whose lease expired (10 s), once `startSweeping` is called. */
  sweepMs?: number;
  /** How long the engine's database writes retry through an outage before the run is handed over (60 s). */
  dbRetryMs?: number;
  /** Called as each step-log row commits (the benchmarks time delivery from there). */
  onLogged?: (entry: LogEntry) => void;
};

export const LEASE_DEFAULTS = { leaseMs: 30_000, sweepMs: 10_000, dbRetryMs: 60_000, sweepBatch: 100 };

class Halted extends Error {}

type Going = { controller: AbortController; stopped?: Error };

/**
 * The default engine: runs execute inside the app's own process. Durable through Postgres: every
 * step's ending is logged before the next step starts; the engine holds a lease on each run it
 * executes, renewed by a heartbeat; a periodic sweep (of this engine or any other on the same
 * database) claims runs whose lease expired and resumes them from those checkpoints. Its database
 * writes retry through a short outage; beyond `dbRetryMs` it lets the run go to the sweep.
 */
export class InProcessEngine {
  readonly name = "in-process" as const;
  readonly leases: RunLeases;
  private readonly writer: LogWriter;
  private readonly going = new Map<string, Going>();
  private readonly active = new Map<string, Promise<RunOutcome | null>>();
  private halted = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private outageSaid = false;

  constructor(private readonly options: InProcessOptions) {
    const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leases = new RunLeases(options.store, owner, options.leaseMs ?? LEASE_DEFAULTS.leaseMs);
    this.writer = new LogWriter({
      store: options.store,
      owner,
      retryBudgetMs: this.dbRetryMs,
      onOutage: (error) => this.sayOutage(error),
      onCommitted: options.onLogged,
    });
  }

  private get dbRetryMs() {
    return this.options.dbRetryMs ?? LEASE_DEFAULTS.dbRetryMs;
  }

  /** Starts (or resumes) a stored run in the background; a run already going here is left alone. */
  start(runId: string): Promise<RunOutcome | null> {
    const existing = this.active.get(runId);
    if (existing) return existing;
    const done = this.execute(runId).catch((error: unknown) => {
      if (error instanceof Halted) return null;
      if (error instanceof LeaseLost) this.options.log?.(`run ${runId} left: it is no longer held here`);
      else if (error instanceof DatabaseUnavailable)
        this.options.log?.(`run ${runId} handed over to the lease sweep: ${error.message}`);
      else this.options.log?.(`run ${runId} stopped: ${(error as Error).message}`);
      return null;
    });
    this.active.set(runId, done);
    this.beat();
    void done.finally(() => {
      this.active.delete(runId);
      this.beat();
    });
    return done;
  }

  /** The outcome of a run going in this process (null when it is not going here). */
  finished(runId: string): Promise<RunOutcome | null> {
    return this.active.get(runId) ?? Promise.resolve(null);
  }

  async cancel(runId: string): Promise<void> {
    await this.options.store.requestCancel(runId);
    this.going.get(runId)?.controller.abort(new Error("Cancelled."));
  }

  /** One sweep: claims the runs whose lease expired (or that never had one) and resumes them here. */
  async resumeUnfinished(): Promise<string[]> {
    if (this.halted) return [];
    const ids = await this.leases.claimExpired(LEASE_DEFAULTS.sweepBatch);
    for (const id of ids) void this.start(id);
    return ids;
  }

  /** Sweeps every `sweepMs` from now on (the server's lifetime); errors wait for the next sweep. */
  startSweeping(): void {
    if (this.sweeper || this.halted) return;
    this.sweeper = setInterval(() => {
      this.resumeUnfinished().then(
        () => {
          this.outageSaid = false;
        },
        (error: unknown) => this.sayOutage(error),
      );
    }, this.options.sweepMs ?? LEASE_DEFAULTS.sweepMs);
    this.sweeper.unref();
  }

  /** Stops sweeping (runs going here carry on). */
  stopSweeping(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  /** Stops as a killed server would: no further writes, no heartbeat, nothing marked finished. For tests of resuming. */
  async halt(): Promise<void> {
    this.halted = true;
    this.stopSweeping();
    for (const going of this.going.values()) going.controller.abort(new Halted("halted"));
    this.beat();
    await Promise.allSettled(this.active.values());
  }

  /** The heartbeat runs while runs are going here: it renews their leases and notices lost ones. */
  private beat(): void {
    const wanted = this.active.size > 0 && !this.halted;
    if (wanted && !this.heartbeat) {
      this.heartbeat = setInterval(() => void this.renew(), Math.max(50, this.leases.leaseMs / 3));
      this.heartbeat.unref();
    } else if (!wanted && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private async renew(): Promise<void> {
    const ids = [...this.going.keys()];
    let renewed: Awaited<ReturnType<RunLeases["renew"]>>;
    try {
      renewed = await this.leases.renew(ids);
    } catch (error) {
      // An outage: the writes retry on their own; if it outlasts the lease, the fence tells them.
      this.sayOutage(error);
      return;
    }
    for (const id of ids) {
      const going = this.going.get(id);
      if (!going || this.halted) continue;
      if (!renewed.held.has(id)) this.stop(id, new LeaseLost(id));
      else if (renewed.cancelled.has(id) && !going.controller.signal.aborted)
        going.controller.abort(new Error("Cancelled."));
    }
  }

  private sayOutage(error: unknown): void {
    if (this.outageSaid) return;
    this.outageSaid = true;
    this.options.log?.(`database unreachable, retrying: ${(error as Error).message}`);
  }

  private db<T>(fn: () => Promise<T>): Promise<T> {
    return retryDb(fn, { budgetMs: this.dbRetryMs, onOutage: (error) => this.sayOutage(error) });
  }

  /** The run can no longer write here: it ends at its next write, leaving the database as it is. */
  private stop(runId: string, reason: Error): void {
    const going = this.going.get(runId);
    if (!going) return;
    going.stopped ??= reason;
    going.controller.abort(reason);
  }

  private async execute(runId: string): Promise<RunOutcome | null> {
    const { store } = this.options;
    if (this.halted) return null;
    if (!(await this.db(() => this.leases.claim(runId)))) return null;
    const controller = new AbortController();
    this.going.set(runId, { controller });
    try {
      const run = await this.db(() => store.load(runId));
      if (!run || (run.status !== "queued" && run.status !== "running")) return null;
      if (run.cancelRequested)
        return await this.finish(runId, { status: "cancelled", error: "Cancelled before it started." });
      const plan = planRun(run.graph, run.triggerNodeId, () => ({ inputSchema: null }));
      const { known, attempts } = checkpointsFrom(run.logs);
      const env: AttemptEnv = {
        plan,
        run: { id: run.id, userId: run.userId, workflowId: run.workflowId, input: run.input },
        log: (entry) => this.write(entry),
        tools: this.options.tools,
        signal: controller.signal,
        backoffMs: this.options.backoffMs,
        logKeepsOrder: true,
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
      this.throwIfStopped(runId);
      return await this.finish(runId, outcome);
    } finally {
      this.going.delete(runId);
    }
  }

  private async finish(runId: string, outcome: RunOutcome): Promise<RunOutcome> {
    const fields =
      outcome.status === "succeeded" ? { output: outcome.output, error: null } : { error: outcome.error };
    if (!(await this.db(() => this.leases.finish(runId, outcome.status, fields)))) throw new LeaseLost(runId);
    return outcome;
  }

  private throwIfStopped(runId: string): void {
    if (this.halted) throw new Halted("halted");
    const stopped = this.going.get(runId)?.stopped;
    if (stopped) throw stopped;
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
    this.throwIfStopped(entry.executionId);
    try {
      await this.writer.append(entry);
    } catch (error) {
      if (error instanceof LeaseLost || error instanceof DatabaseUnavailable)
        this.stop(entry.executionId, error);
      throw error;
    }
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
