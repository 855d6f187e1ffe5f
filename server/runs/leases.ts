import type { RunStatus } from "@/lib/runs/status";
import { inlineSql, joinSql, json } from "@/server/platform/db/inline-sql";
import { privilegedStatement } from "@/server/platform/db/privileged";
import type { RunStore } from "./store";

const UNFINISHED = inlineSql`status in ('queued', 'running')`;

/**
 * Who runs an in-process run: the engine whose lease on it has not expired. Every query is one
 * conditional statement, so two engines on one database never both hold a run.
 */
export class RunLeases {
  constructor(
    private readonly store: RunStore,
    readonly owner: string,
    readonly leaseMs: number,
  ) {}

  private until() {
    return inlineSql`now() + ${this.leaseMs} * interval '1 millisecond'`;
  }

  /** Takes the run (and marks it running) if it is unfinished and nobody else holds an unexpired lease on it. */
  async claim(runId: string): Promise<boolean> {
    const { rowCount } = await privilegedStatement(
      "runs",
      inlineSql`update public.executions set lease_owner = ${this.owner}, lease_expires_at = ${this.until()},
          status = 'running', updated_at = now()
        where id = ${runId} and ${UNFINISHED}
          and (lease_owner is null or lease_owner = ${this.owner} or lease_expires_at is null or lease_expires_at < now())
        returning id`,
      { prisma: this.store.client() },
    );
    return rowCount === 1;
  }

  /**
   * Claims up to `limit` unfinished in-process runs whose lease expired (or that never had one):
   * rows another sweep is claiming at the same moment are skipped, not waited for.
   */
  async claimExpired(limit: number): Promise<string[]> {
    const { rows } = await privilegedStatement<{ id: string }>(
      "runs",
      inlineSql`with due as (
          select id from public.executions
          where ${UNFINISHED} and engine = 'in-process' and (lease_expires_at is null or lease_expires_at < now())
          order by lease_expires_at nulls first, started_at
          limit ${limit}
          for update skip locked
        )
        update public.executions e set lease_owner = ${this.owner}, lease_expires_at = ${this.until()},
          status = 'running', updated_at = now()
        from due where e.id = due.id
        returning e.id`,
      { prisma: this.store.client() },
    );
    return rows.map((row) => row.id);
  }

  /**
   * The heartbeat: extends the leases this engine still holds among `runIds`. Returns the runs
   * still held, and which of them a cancel was asked for (perhaps through another instance).
   */
  async renew(runIds: string[]): Promise<{ held: Set<string>; cancelled: Set<string> }> {
    if (runIds.length === 0) return { held: new Set(), cancelled: new Set() };
    const ids = runIds.map((id) => inlineSql`${id}`);
    const { rows } = await privilegedStatement<{ id: string; cancel: boolean }>(
      "runs",
      inlineSql`update public.executions set lease_expires_at = ${this.until()}
        where id in (${joinSql(ids)}) and lease_owner = ${this.owner} and ${UNFINISHED}
        returning id, cancel_requested_at is not null as cancel`,
      { prisma: this.store.client() },
    );
    return {
      held: new Set(rows.map((row) => row.id)),
      cancelled: new Set(rows.filter((row) => row.cancel).map((row) => row.id)),
    };
  }

  /**
   * Ends a run this engine holds and lets its lease go. False when the run was no longer its own
   * (taken over, or ended by a cancel from elsewhere): then nothing changes.
   */
  async finish(
    runId: string,
    status: Extract<RunStatus, "succeeded" | "failed" | "cancelled">,
    fields: { error?: string | null; output?: unknown },
  ): Promise<boolean> {
    const output = fields.output === undefined ? inlineSql`output` : inlineSql`${json(fields.output)}`;
    const error = fields.error === undefined ? inlineSql`error` : inlineSql`${fields.error}`;
    const { rowCount } = await privilegedStatement(
      "runs",
      inlineSql`update public.executions set status = ${status}, updated_at = now(), finished_at = now(),
          output = ${output}, error = ${error}, lease_expires_at = null
        where id = ${runId} and lease_owner = ${this.owner} and ${UNFINISHED}`,
      { prisma: this.store.client() },
    );
    return rowCount === 1;
  }
}
