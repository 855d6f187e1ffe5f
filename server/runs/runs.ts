import { isTriggerType, type WireNode } from "@/lib/graph/nodes";
import type { EngineName, RunStatus, StepEvent, TriggerKind } from "@/lib/runs/status";
import { RUN_LIMITS } from "@/lib/runs/status";
import { loadGraph } from "@/server/graph";
import { listRegistry } from "@/server/mcp";
import type { RlsDb, RlsTransaction } from "@/server/platform/db/with-rls";
import { AppError, isAppError } from "@/server/platform/errors/app-error";
import { runEngine, runtime } from "./engine";
import { PlanError, planRun, type RunPlan, type ToolDirectory } from "./plan";
import { reusableSteps } from "./reuse";
import type { RunEngine, RunTrigger, StartedRun } from "./run-engine";
import type { LogEntry, RunStore } from "./store";

export type RunsDeps = {
  store: RunStore;
  /** The engine factory: no name gives the engine new runs go to; a name, the one a stored run went to. */
  engine: (name?: EngineName) => RunEngine;
};

export function defaultRunsDeps(): RunsDeps {
  return { store: runtime().store, engine: (name) => runEngine(name) };
}

/**
 * Starts a run of the user's workflow from its trigger with a JSON input (text). `trigger` says
 * what started it (a person when left out); its key makes a webhook delivery or a schedule's slot one run.
 */
export async function startRun(
  db: RlsDb,
  userId: string,
  params: { workflowId: string; input: string; triggerNodeId?: string; trigger?: RunTrigger },
  deps: RunsDeps = defaultRunsDeps(),
): Promise<StartedRun> {
  const input = parseInput(params.input);
  const { plan } = await planFor(db, userId, params.workflowId, params.triggerNodeId);
  return dispatch(deps, userId, params.workflowId, plan, input, null, [], params.trigger);
}

/**
 * Starts a run from a trigger node that fires on its own (a webhook delivery, a schedule's slot),
 * for the workflow's owner, with its input; a keyed trigger that already started a run gets that run.
 */
export async function startTriggeredRun(
  db: RlsDb,
  userId: string,
  params: { workflowId: string; triggerNodeId: string; input: unknown; trigger: RunTrigger },
  deps: RunsDeps = defaultRunsDeps(),
): Promise<StartedRun> {
  const { plan } = await planFor(db, userId, params.workflowId, params.triggerNodeId);
  return dispatch(deps, userId, params.workflowId, plan, params.input, null, [], params.trigger);
}

/** Runs the workflow again as it is now, with the input of an earlier run. */
export async function rerun(
  db: RlsDb,
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
  db: RlsDb,
  userId: string,
  runId: string,
  deps: RunsDeps = defaultRunsDeps(),
): Promise<StartedRun> {
  const owned = await ownRun(db, userId, runId);
  if (owned.status !== "failed")
    throw new AppError(
      "runs.not_retryable",
      "Only a failed run can be retried from its failed step; re-run it instead.",
    );
  const source = await deps.store.load(owned.id);
  if (!source) throw new AppError("runs.not_found", "This run does not exist or is not yours.");
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
  db: RlsDb,
  userId: string,
  runId: string,
  deps: RunsDeps = defaultRunsDeps(),
): Promise<{ id: string; status: RunStatus }> {
  const run = await ownRun(db, userId, runId);
  if (run.status !== "queued" && run.status !== "running")
    return { id: run.id, status: run.status as RunStatus };
  await deps.engine(run.engine as EngineName).cancel(run);
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
  triggerKind: true,
  triggerNodeId: true,
  user: { select: { displayName: true, email: true } },
} as const;

export async function listRuns(tx: RlsTransaction, userId: string, workflowId: string) {
  const workflow = await tx.workflow.findFirst({ where: { id: workflowId, userId }, select: { id: true } });
  if (!workflow) throw new AppError("workflow.not_found", "This workflow does not exist or is not yours.");
  const rows = await tx.execution.findMany({
    where: { workflowId, userId },
    orderBy: { startedAt: "desc" },
    take: 50,
    select: runSelect,
  });
  return rows.map(summary);
}

export type RunFilters = { status?: RunStatus; trigger?: TriggerKind; workflowId?: string };

/** The user's runs across every workflow, newest first, with the workflow's name: the global Runs page. */
export async function listAllRuns(tx: RlsTransaction, userId: string, filters: RunFilters = {}) {
  const rows = await tx.execution.findMany({
    where: {
      userId,
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.trigger ? { triggerKind: filters.trigger } : {}),
      ...(filters.workflowId ? { workflowId: filters.workflowId } : {}),
    },
    orderBy: [{ startedAt: "desc" }, { id: "asc" }],
    take: 100,
    select: { ...runSelect, workflow: { select: { name: true } } },
  });
  return rows.map((row) => ({ ...summary(row), workflowName: row.workflow.name }));
}

/** Each of the user's workflows' newest run (for the workflows list): workflow id → its summary. */
export async function latestRuns(tx: RlsTransaction, userId: string) {
  const rows = await tx.execution.findMany({
    where: { userId },
    distinct: ["workflowId"],
    orderBy: [{ workflowId: "asc" }, { startedAt: "desc" }],
    select: runSelect,
  });
  return Object.fromEntries(rows.map((row) => [row.workflowId, summary(row)]));
}

export async function getRun(tx: RlsTransaction, userId: string, runId: string) {
  const row = await tx.execution.findFirst({
    where: { id: runId, userId },
    select: { ...runSelect, input: true, output: true },
  });
  if (!row) throw new AppError("runs.not_found", "This run does not exist or is not yours.");
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
  triggerKind: string;
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
    trigger: { kind: row.triggerKind as TriggerKind, nodeId: row.triggerNodeId },
    /** Who started it (the owner: by hand, by Trymate for them, by a re-run, or by a trigger). */
    startedBy: row.user.displayName || row.user.email,
  };
}

export function parseInput(text: string): unknown {
  const bytes = Buffer.byteLength(text);
  if (bytes > RUN_LIMITS.maxInputBytes) {
    throw new AppError(
      "runs.invalid_input",
      `The input is ${Math.ceil(bytes / 1024)} KiB; a run takes at most ${RUN_LIMITS.maxInputBytes / 1024} KiB.`,
    );
  }
  try {
    // Rebuilt from its keys, `{"__proto__": …}` would be stored as `{}`: refused instead.
    return JSON.parse(text, (key, item) => {
      if (key === "__proto__") {
        throw new AppError(
          "runs.invalid_input",
          'The input has a property named "__proto__", which runs do not accept.',
        );
      }
      return item;
    });
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError("runs.invalid_input", `The input is not JSON: ${(error as Error).message}`);
  }
}

async function ownRun(db: RlsDb, userId: string, runId: string) {
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
  if (!run) throw new AppError("runs.not_found", "This run does not exist or is not yours.");
  return run;
}

async function planFor(db: RlsDb, userId: string, workflowId: string, triggerNodeId: string | undefined) {
  const { graph, registry } = await db(async (tx) => ({
    graph: await loadGraph(tx, userId, workflowId),
    registry: await listRegistry(tx),
  }));
  // Without a choice, a run by hand starts from the manual trigger (a webhook beside it waits for calls).
  const manual = graph.nodes.filter((node) => node.type === "trigger");
  const triggers = manual.length > 0 ? manual : graph.nodes.filter((node) => isTriggerType(node.type));
  const triggerId = triggerNodeId ?? triggers[0]?.id;
  if (!triggerId) throw new AppError("runs.no_trigger", "Add a trigger node to run this workflow.");
  if (!triggerNodeId && triggers.length > 1)
    throw new AppError(
      "runs.several_triggers",
      "This workflow has several triggers; choose the one to run from.",
    );
  try {
    return { plan: planRun(graph, triggerId, toolDirectory(registry)) };
  } catch (error) {
    if (error instanceof PlanError)
      throw new AppError("runs.invalid_plan", error.message, { nodeIds: error.nodeIds });
    throw error;
  }
}

/**
 * What would stop a run from each of the workflow's triggers (the checks a run makes, each naming
 * its node); empty when every trigger can run. Activation refuses a workflow with any.
 */
export async function runProblems(tx: RlsTransaction, userId: string, workflowId: string): Promise<string[]> {
  return (await runProblemsWithNodes(tx, userId, workflowId)).problems;
}

/** runProblems, with the ids of the nodes they name (the editor marks them). */
export async function runProblemsWithNodes(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
): Promise<{ problems: string[]; nodeIds: string[] }> {
  const graph = await loadGraph(tx, userId, workflowId);
  const directory = toolDirectory(await listRegistry(tx));
  const triggers = graph.nodes.filter((node) => isTriggerType(node.type));
  if (triggers.length === 0)
    return { problems: ["there is no trigger node: add one to say where runs start"], nodeIds: [] };
  const found = triggers.map((trigger) => {
    try {
      planRun(graph, trigger.id, directory);
      return { problems: [], nodeIds: [] };
    } catch (error) {
      if (error instanceof PlanError) return { problems: error.problems, nodeIds: error.nodeIds };
      throw error;
    }
  });
  return {
    problems: [...new Set(found.flatMap((f) => f.problems))],
    nodeIds: [...new Set(found.flatMap((f) => f.nodeIds))],
  };
}

function toolDirectory(registry: Awaited<ReturnType<typeof listRegistry>>): ToolDirectory {
  return (serverId, tool) => {
    const server = registry.find((s) => s.id === serverId);
    if (!server) return "no-server";
    const found = server.tools.find((t) => t.name === tool);
    return found ? { inputSchema: found.inputSchema } : "no-tool";
  };
}

async function dispatch(
  deps: RunsDeps,
  userId: string,
  workflowId: string,
  plan: RunPlan,
  input: unknown,
  sourceId: string | null,
  reused: Omit<LogEntry, "executionId">[],
  trigger: RunTrigger = { kind: "manual" },
): Promise<StartedRun> {
  const engine = deps.engine();
  const graph = { nodes: [...plan.nodes.values()] as WireNode[], edges: [...plan.incoming.values()].flat() };
  return engine.start({
    workflowId,
    userId,
    input,
    triggerNodeId: plan.triggerId,
    graph,
    sourceId,
    reused,
    trigger,
  });
}
