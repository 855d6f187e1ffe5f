import { type InlineSql, inlineSql, joinSql, json } from "@/server/platform/db/inline-sql";
import { privilegedStatement } from "@/server/platform/db/privileged";
import { retryDb } from "./db-retry";
import type { LogEntry, RunStore } from "./store";

/** The engine no longer holds the run's lease (another engine took it over, or it ended elsewhere). */
export class LeaseLost extends Error {
  constructor(readonly runId: string) {
    super(`run ${runId} is no longer held by this engine`);
  }
}

type Pending = { entry: LogEntry; row: InlineSql; resolve: () => void; reject: (error: unknown) => void };

export type LogWriterOptions = {
  store: RunStore;
  /** The engine's lease owner: a row lands only while its run is unfinished and held by this owner. */
  owner: string;
  /** How long a batch keeps retrying through a database outage before its writers get the error. */
  retryBudgetMs: number;
  /** Rows per statement at most. */
  maxRows?: number;
  /** How long a `started` row may wait for company before it is written on its own (20 ms). */
  startedRowWaitMs?: number;
  onOutage?: (error: unknown) => void;
  /** Called for each row as soon as its statement has committed (timing, metrics). */
  onCommitted?: (entry: LogEntry) => void;
};

/**
 * Writes the step-log rows of every run of an engine, grouped: one statement is in flight at a
 * time, and the rows that arrive meanwhile (concurrent steps of any run) go together in the
 * next one, so many runs share each commit while a lone run still writes at once. Each caller's
 * promise settles when its own row is committed (or refused: LeaseLost), so a step's checkpoint
 * is durable before its run moves on. Rows keep their order.
 */
export class LogWriter {
  private queue: Pending[] = [];
  private draining = false;
  private sequence = 0;
  private lazyTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: LogWriterOptions) {}

  /**
   * Queues a row; the promise settles once it is committed. A `started` row waits up to
   * `startedRowWaitMs` (nobody waits on it: its step is already running), so a quick step's start
   * and ending share one statement; any other row is written at once.
   */
  append(entry: LogEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      // Built now, so a value Postgres cannot store fails this caller only.
      const row = rowOf(entry, this.sequence++);
      this.queue.push({ entry, row, resolve, reject });
      if (entry.event === "started") this.drainSoon();
      else this.drainNow();
    });
  }

  private drainNow(): void {
    if (this.lazyTimer) clearTimeout(this.lazyTimer);
    this.lazyTimer = null;
    if (this.draining) return;
    this.draining = true;
    // After the I/O callbacks of this turn: steps ending together share the first statement too.
    setImmediate(() => void this.drain());
  }

  private drainSoon(): void {
    if (this.draining || this.lazyTimer) return;
    this.lazyTimer = setTimeout(() => this.drainNow(), this.options.startedRowWaitMs ?? 20);
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxRows ?? 500);
        await this.flush(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      const held = await retryDb(
        async (retry) =>
          new Set(
            (
              await privilegedStatement<{ id: string }>(
                "runs",
                fencedInsert(
                  batch.map((pending) => pending.row),
                  this.options.owner,
                  retry > 0,
                ),
                { prisma: this.options.store.client() },
              )
            ).rows.map((row) => row.id),
          ),
        { budgetMs: this.options.retryBudgetMs, onOutage: this.options.onOutage },
      );
      for (const pending of batch) {
        if (held.has(pending.entry.executionId)) {
          this.options.onCommitted?.(pending.entry);
          pending.resolve();
        } else pending.reject(new LeaseLost(pending.entry.executionId));
      }
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}

function rowOf(entry: LogEntry, n: number): InlineSql {
  return inlineSql`(${n}::bigint, ${entry.executionId}::text, ${entry.workflowId}::uuid, ${entry.nodeId}::text,
    ${entry.stepName}::text, ${entry.event}::text, ${entry.attempt}::int, ${entry.durationMs ?? null}::int,
    ${entry.error ?? null}::text, ${json(entry.payload ?? {})})`;
}

/**
 * One statement: the rows of runs this owner holds are inserted in order; it answers with the held
 * run ids. Held means in the statement's snapshot: the run is not locked (a `for share` cost a
 * quarter of a step's write), so a row racing a takeover in the same instant may still land, after
 * which the engine stops at its next write. A repeat after a dropped connection
 * skips rows the first try may already have committed (a node's attempt logs each event once).
 */
function fencedInsert(rows: InlineSql[], owner: string, repeat: boolean): InlineSql {
  const once = repeat
    ? inlineSql`and not exists (select 1 from public.execution_logs l where l.execution_id = v.execution_id
        and l.node_id = v.node_id and l.attempt = v.attempt and l.event = v.event)`
    : inlineSql``;
  return inlineSql`with v (n, execution_id, workflow_id, node_id, step_name, event, attempt, duration_ms, error, payload) as (
      values ${joinSql(rows)}
    ),
    held as (
      select id from public.executions
      where id in (select execution_id from v) and lease_owner = ${owner} and status in ('queued', 'running')
    ),
    inserted as (
      insert into public.execution_logs (execution_id, workflow_id, node_id, step_name, event, attempt, duration_ms, error, payload)
      select execution_id, workflow_id, node_id, step_name, event, attempt, duration_ms, error, payload from v
      where execution_id in (select id from held) ${once}
      order by n
      returning 1
    )
    select id from held`;
}
