import type { WireNode } from "@/lib/graph/nodes";
import type { WireEdge } from "@/lib/graph/schemas";
import type { EngineName, RunStatus, StepEvent, TriggerKind } from "@/lib/runs/status";
import { getPrisma } from "@/server/platform/db/client";
import type { Prisma, PrismaClient } from "@/server/platform/db/generated/client";
import { type InlineSql, inlineSql, joinSql, json } from "@/server/platform/db/inline-sql";
import {
  type PrivilegedTransaction,
  privilegedStatement,
  withPrivilegedDb,
} from "@/server/platform/db/privileged";
import { getServerEnv } from "@/server/platform/env/env";
import { AppError } from "@/server/platform/errors/app-error";

export type LogEntry = {
  executionId: string;
  workflowId: string;
  nodeId: string;
  stepName: string;
  event: StepEvent;
  attempt: number;
  durationMs?: number | null;
  error?: string | null;
  payload?: { input?: unknown; output?: unknown; handles?: string[]; reused?: boolean };
};

export type StoredLog = LogEntry & { seq: bigint; createdAt: Date };

export type StoredRun = {
  id: string;
  workflowId: string;
  userId: string;
  status: RunStatus;
  engine: EngineName;
  input: unknown;
  triggerNodeId: string;
  graph: { nodes: WireNode[]; edges: WireEdge[] };
  sourceId: string | null;
  triggerKind: TriggerKind;
  cancelRequested: boolean;
  logs: StoredLog[];
};

export type NewRun = {
  id: string;
  workflowId: string;
  userId: string;
  engine: EngineName;
  input: unknown;
  triggerNodeId: string;
  graph: { nodes: WireNode[]; edges: WireEdge[] };
  sourceId: string | null;
  status?: RunStatus;
  requestId?: string | null;
  triggerKind?: TriggerKind;
  /** At most one run per workflow, trigger node and key (an Idempotency-Key, a schedule's slot). */
  triggerKey?: string | null;
  /** The in-process engine that will execute it: it holds the run from the start (see leases.ts). */
  lease?: { owner: string; ms: number };
};

/**
 * The runs' writes and the engines' reads, all through the privileged door (the engine acts for
 * no request). Every query names the run it touches.
 */
export class RunStore {
  constructor(private readonly prisma?: PrismaClient) {}

  client(): PrismaClient {
    return this.prisma ?? getPrisma(getServerEnv().DATABASE_URL);
  }

  private db<T>(fn: (tx: PrivilegedTransaction) => Promise<T>): Promise<T> {
    return withPrivilegedDb("runs", fn, { prisma: this.client() });
  }

  /**
   * Inserts a run unless its owner already has `maxActive` queued or running (checked under a
   * per-user lock), or a run with its trigger key exists: then that run's id comes back, `created` false.
   */
  async create(
    run: NewRun,
    maxActive: number,
    logs: LogEntry[] = [],
  ): Promise<{ id: string; created: boolean }> {
    return this.db(async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('tryliate.runs:' || ${run.userId}))`;
      if (run.triggerKey) {
        const first = await tx.execution.findFirst({
          where: { workflowId: run.workflowId, triggerNodeId: run.triggerNodeId, triggerKey: run.triggerKey },
          select: { id: true },
        });
        if (first) return { id: first.id, created: false };
      }
      const active = await tx.execution.count({
        where: { userId: run.userId, status: { in: ["queued", "running"] } },
      });
      if (active >= maxActive) {
        throw new AppError(
          "runs.too_many_running",
          `You already have ${active} runs going (at most ${maxActive} at once); wait for one to finish or cancel one.`,
        );
      }
      await tx.execution.create({
        data: {
          id: run.id,
          workflowId: run.workflowId,
          userId: run.userId,
          engine: run.engine,
          status: run.status ?? "queued",
          input: run.input as Prisma.InputJsonValue,
          triggerNodeId: run.triggerNodeId,
          graph: run.graph as unknown as Prisma.InputJsonValue,
          sourceId: run.sourceId,
          requestId: run.requestId ?? null,
          triggerKind: run.triggerKind ?? "manual",
          triggerKey: run.triggerKey ?? null,
          leaseOwner: run.lease?.owner ?? null,
          leaseExpiresAt: run.lease ? new Date(Date.now() + run.lease.ms) : null,
        },
      });
      if (logs.length > 0) await tx.$executeRawUnsafe(insertLogs(logs).text);
      return { id: run.id, created: true };
    });
  }

  /** One step event, in one round trip (a run writes two per step; the second before the next step may start). */
  async append(entry: LogEntry): Promise<void> {
    await privilegedStatement("runs", insertLogs([entry]), { prisma: this.client() });
  }

  /** Moves a run on; a finished run stays as it finished (a late engine write never overturns a cancel). */
  async setStatus(
    id: string,
    status: RunStatus,
    fields: { error?: string | null; output?: unknown } = {},
  ): Promise<boolean> {
    const finished = status === "succeeded" || status === "failed" || status === "cancelled";
    const { count } = await this.db((tx) =>
      tx.execution.updateMany({
        where: { id, status: { in: ["queued", "running"] } },
        data: {
          status,
          updatedAt: new Date(),
          ...(finished ? { finishedAt: new Date() } : {}),
          ...(fields.error !== undefined ? { error: fields.error } : {}),
          ...(fields.output !== undefined ? { output: fields.output as Prisma.InputJsonValue } : {}),
        },
      }),
    );
    return count === 1;
  }

  async requestCancel(id: string): Promise<void> {
    await this.db((tx) =>
      tx.execution.updateMany({
        where: { id, cancelRequestedAt: null },
        data: { cancelRequestedAt: new Date() },
      }),
    );
  }

  async cancelRequested(id: string): Promise<boolean> {
    const row = await this.db((tx) =>
      tx.execution.findUnique({ where: { id }, select: { cancelRequestedAt: true } }),
    );
    return row?.cancelRequestedAt != null;
  }

  /** The id of the run a start request made, once an engine has stored it. */
  async byRequest(requestId: string): Promise<string | null> {
    const row = await this.db((tx) => tx.execution.findFirst({ where: { requestId }, select: { id: true } }));
    return row?.id ?? null;
  }

  async load(id: string): Promise<StoredRun | null> {
    return this.db(async (tx) => {
      const row = await tx.execution.findUnique({ where: { id } });
      if (!row) return null;
      const logs = await tx.executionLog.findMany({ where: { executionId: id }, orderBy: { seq: "asc" } });
      return {
        id: row.id,
        workflowId: row.workflowId,
        userId: row.userId,
        status: row.status as RunStatus,
        engine: row.engine as EngineName,
        input: row.input,
        triggerNodeId: row.triggerNodeId ?? "",
        graph: row.graph as unknown as StoredRun["graph"],
        sourceId: row.sourceId,
        triggerKind: row.triggerKind as TriggerKind,
        cancelRequested: row.cancelRequestedAt != null,
        logs: logs.map((log) => ({
          executionId: log.executionId,
          workflowId: log.workflowId ?? row.workflowId,
          nodeId: log.nodeId ?? "",
          stepName: log.stepName,
          event: log.event as StepEvent,
          attempt: log.attempt,
          durationMs: log.durationMs,
          error: log.error,
          payload: log.payload as LogEntry["payload"],
          seq: log.seq,
          createdAt: log.createdAt,
        })),
      };
    });
  }

  /** Runs of an engine left queued or running (by a server that stopped). */
  async unfinished(engine: EngineName): Promise<string[]> {
    const rows = await this.db((tx) =>
      tx.execution.findMany({
        where: { engine, status: { in: ["queued", "running"] } },
        select: { id: true },
        orderBy: { startedAt: "asc" },
      }),
    );
    return rows.map((row) => row.id);
  }
}

/** Log rows as one insert, values written in (the engines' one-round-trip write, and a run created with reused steps). */
function insertLogs(entries: LogEntry[]): InlineSql {
  const rows = entries.map(
    (
      entry,
    ) => inlineSql`(${entry.executionId}, ${entry.workflowId}::uuid, ${entry.nodeId}, ${entry.stepName}, ${entry.event},
      ${entry.attempt}, ${entry.durationMs ?? null}, ${entry.error ?? null}, ${json(entry.payload ?? {})})`,
  );
  return inlineSql`insert into public.execution_logs (execution_id, workflow_id, node_id, step_name, event, attempt, duration_ms, error, payload)
    values ${joinSql(rows)}`;
}
