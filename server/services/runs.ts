import { randomUUID } from "node:crypto";
import type { WireNode } from "@/lib/graph/nodes";
import type { EngineName, RunStatus, StepEvent } from "@/lib/runs/status";
import { RUN_LIMITS } from "@/lib/runs/status";
import type { RlsTransaction } from "@/server/db/with-rls";
import { InvalidInputError, NotFoundError, TooManyError, UnavailableError } from "@/server/errors";
import { type RunsAvailability, runsAvailability } from "@/server/runs/config";
import { runtime } from "@/server/runs/engine";
import type { InProcessEngine } from "@/server/runs/in-process";
import { RUN_CANCELLED, RUN_REQUESTED, type RunRequest } from "@/server/runs/inngest";
import { PlanError, planRun, type RunPlan } from "@/server/runs/plan";
import { reusableSteps } from "@/server/runs/reuse";
import { type LogEntry, RunLimitError, type RunStore } from "@/server/runs/store";
import { loadGraph } from "./graph";
import { listRegistry } from "./registry";

type Db = <T>(fn: (tx: RlsTransaction) => Promise<T>) => Promise<T>;
type EventSender = { send(event: { name: string; data: Record<string, unknown> }): Promise<unknown> };

export type RunsDeps = {
  store: RunStore;
  inProcess: InProcessEngine;
  availability: RunsAvailability;
  events: () => Promise<EventSender>;
};

export function defaultRunsDeps(): RunsDeps {
  const rt = runtime();
  return {
    store: rt.store,
    inProcess: rt.inProcess,
    availability: runsAvailability(),
    events: async () => (await import("@/server/runs/inngest-app")).inngest,
  };
}

export type StartedRun = { id: string | null; requestId: string; engine: EngineName };

/** Starts a run of the user's workflow from its trigger with a JSON input (text). */
export async function startRun(
  db: Db,
  userId: string,
  params: { workflowId: string; input: string; triggerNodeId?: string },
  deps: RunsDeps = defaultRunsDeps(),
): Promise<StartedRun> {
  const input = parseInput(params.input);
  const { plan } = await planFor(db, userId, params.workflowId, params.triggerNodeId);
  return dispatch(deps, userId, params.workflowId, plan, input, null, []);
}

/** Runs the workflow again as it is now, with the input of an earlier run. */
export async function rerun(
  db: Db,
  userId: string,
  runId: string,
  deps: RunsDeps = defaultRunsDeps(),
): Promise<StartedRun> {
  const source = await ownRun(db, userId, runId);
  const { plan } = await planFor(db, userId, source.workflowId, source.triggerNodeId ?? undefined);
  return dispatch(deps, userId, source.workflowId, plan, source.input, source.id, []);
}

/** Runs a failed run again from its failed step: steps that ended before, unchanged since, are taken over. */
export async function retryRun(
  db: Db,
  userId: string,
  runId: string,
  deps: RunsDeps = defaultRunsDeps(),
): Promise<StartedRun> {
  const owned = await ownRun(db, userId, runId);
  if (owned.status !== "failed")
    throw new InvalidInputError("Only a failed run can be retried from its failed step; re-run it instead.");
  const source = await deps.store.load(owned.id);
  if (!source) throw new NotFoundError("This run does not exist or is not yours.");
  const { plan } = await planFor(db, userId, source.workflowId, source.triggerNodeId);
  return dispatch(
    deps,
    userId,
    source.workflowId,
    plan,
    source.input,
    source.id,
    reusableSteps(plan, source),
  );
}

export async function cancelRun(
  db: Db,
  userId: string,
  runId: string,
  deps: RunsDeps = defaultRunsDeps(),
): Promise<{ id: string; status: RunStatus }> {
  const run = await ownRun(db, userId, runId);
  if (run.status !== "queued" && run.status !== "running")
    return { id: run.id, status: run.status as RunStatus };
  if (run.engine === "inngest") {
    await deps.store.requestCancel(run.id);
    if (run.requestId)
      await (await deps.events()).send({ name: RUN_CANCELLED, data: { requestId: run.requestId } });
    await deps.store.setStatus(run.id, "cancelled", { error: "Cancelled." });
  } else {
    await deps.inProcess.cancel(run.id);
    // Going here: the engine ends it (and logs the step it cut short). Going nowhere: it ends now.
    const outcome = await Promise.race([
      deps.inProcess.finished(run.id),
      new Promise((r) => setTimeout(r, 2_000, "busy")),
    ]);
    if (outcome === null) await deps.store.setStatus(run.id, "cancelled", { error: "Cancelled." });
  }
  return { id: run.id, status: "cancelled" };
}

const runSelect = {
  id: true,
  workflowId: true,
  status: true,
  engine: true,
  startedAt: true,
  finishedAt: true,
  error: true,
  sourceId: true,
  triggerNodeId: true,
  user: { select: { displayName: true, email: true } },
} as const;

export async function listRuns(tx: RlsTransaction, userId: string, workflowId: string) {
  const workflow = await tx.workflow.findFirst({ where: { id: workflowId, userId }, select: { id: true } });
  if (!workflow) throw new NotFoundError("This workflow does not exist or is not yours.");
  const rows = await tx.execution.findMany({
    where: { workflowId, userId },
    orderBy: { startedAt: "desc" },
    take: 50,
    select: runSelect,
  });
  return rows.map(summary);
}

export async function getRun(tx: RlsTransaction, userId: string, runId: string) {
  const row = await tx.execution.findFirst({
    where: { id: runId, userId },
    select: { ...runSelect, input: true, output: true },
  });
  if (!row) throw new NotFoundError("This run does not exist or is not yours.");
  const logs = await tx.executionLog.findMany({ where: { executionId: runId }, orderBy: { seq: "asc" } });
  return {
    ...summary(row),
    input: row.input,
    output: row.output,
    steps: logs.map((log) => ({
      id: log.id,
      seq: Number(log.seq),
      nodeId: log.nodeId,
      stepName: log.stepName,
      event: log.event as StepEvent,
      attempt: log.attempt,
      durationMs: log.durationMs,
      error: log.error,
      payload: log.payload as { input?: unknown; output?: unknown; handles?: string[]; reused?: boolean },
      createdAt: log.createdAt,
    })),
  };
}

function summary(row: {
  id: string;
  workflowId: string;
  status: string;
  engine: string;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  sourceId: string | null;
  triggerNodeId: string | null;
  user: { displayName: string | null; email: string | null };
}) {
  return {
    id: row.id,
    workflowId: row.workflowId,
    status: row.status as RunStatus,
    engine: row.engine as EngineName,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    durationMs: row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
    error: row.error,
    sourceId: row.sourceId,
    triggerNodeId: row.triggerNodeId,
    /** Who started it (the owner: runs are started by hand, by Trymate for them, or by a re-run). */
    startedBy: row.user.displayName || row.user.email,
  };
}

export function parseInput(text: string): unknown {
  const bytes = Buffer.byteLength(text);
  if (bytes > RUN_LIMITS.maxInputBytes) {
    throw new InvalidInputError(
      `The input is ${Math.ceil(bytes / 1024)} KiB; a run takes at most ${RUN_LIMITS.maxInputBytes / 1024} KiB.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`The input is not JSON: ${(error as Error).message}`);
  }
}

async function ownRun(db: Db, userId: string, runId: string) {
  const run = await db((tx) =>
    tx.execution.findFirst({
      where: { id: runId, userId },
      select: {
        id: true,
        workflowId: true,
        status: true,
        engine: true,
        input: true,
        triggerNodeId: true,
        requestId: true,
      },
    }),
  );
  if (!run) throw new NotFoundError("This run does not exist or is not yours.");
  return run;
}

async function planFor(db: Db, userId: string, workflowId: string, triggerNodeId: string | undefined) {
  const { graph, registry } = await db(async (tx) => ({
    graph: await loadGraph(tx, userId, workflowId),
    registry: await listRegistry(tx),
  }));
  const triggers = graph.nodes.filter((node) => node.type === "trigger");
  const triggerId = triggerNodeId ?? triggers[0]?.id;
  if (!triggerId) throw new InvalidInputError("Add a trigger node to run this workflow.");
  if (!triggerNodeId && triggers.length > 1)
    throw new InvalidInputError("This workflow has several triggers; choose the one to run from.");
  try {
    const plan = planRun(graph, triggerId, (serverId, tool) => {
      const server = registry.find((s) => s.id === serverId);
      if (!server) return "no-server";
      const found = server.tools.find((t) => t.name === tool);
      return found ? { inputSchema: found.inputSchema } : "no-tool";
    });
    return { plan };
  } catch (error) {
    if (error instanceof PlanError) throw new InvalidInputError(error.message);
    throw error;
  }
}

async function dispatch(
  deps: RunsDeps,
  userId: string,
  workflowId: string,
  plan: RunPlan,
  input: unknown,
  sourceId: string | null,
  reused: Omit<LogEntry, "executionId">[],
): Promise<StartedRun> {
  const { availability } = deps;
  if (!availability.ready) throw new UnavailableError(availability.message);
  const graph = { nodes: [...plan.nodes.values()] as WireNode[], edges: [...plan.incoming.values()].flat() };
  const requestId = randomUUID();
  if (availability.engine === "inngest") {
    const data: RunRequest = {
      requestId,
      workflowId,
      userId,
      input,
      triggerNodeId: plan.triggerId,
      graph,
      sourceId,
      reused,
    };
    await (await deps.events()).send({ name: RUN_REQUESTED, data });
    return { id: null, requestId, engine: "inngest" };
  }
  const id = `run_${randomUUID()}`;
  try {
    await deps.store.create(
      {
        id,
        workflowId,
        userId,
        engine: "in-process",
        input,
        triggerNodeId: plan.triggerId,
        graph,
        sourceId,
        requestId,
      },
      RUN_LIMITS.maxActiveRunsPerUser,
      reused.map((entry) => ({ ...entry, executionId: id })),
    );
  } catch (error) {
    if (error instanceof RunLimitError) throw new TooManyError(error.message);
    throw error;
  }
  void deps.inProcess.start(id);
  return { id, requestId, engine: "in-process" };
}
