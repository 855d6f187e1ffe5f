import { Inngest } from "inngest";
import type { WireNode } from "@/lib/graph/nodes";
import { RUN_LIMITS } from "@/lib/runs/status";
import { type AttemptEnv, type AttemptResult, attemptNode, stepName } from "./attempt";
import { checkpointsFrom } from "./checkpoints";
import { type NodeOutcome, orchestrate } from "./orchestrate";
import { planRun } from "./plan";
import type { RunRequest } from "./run-engine";
import type { LogEntry, RunStore } from "./store";
import type { ToolCaller } from "./tool-caller";

/** Asks Inngest for a run; its data is a RunRequest and the run's id is the Inngest run id. */
export const RUN_REQUESTED = "tryliate/run.requested";
export const RUN_CANCELLED = "tryliate/run.cancelled";

export function createInngestClient(env: Record<string, string | undefined> = process.env): Inngest {
  return new Inngest({ id: "tryliate", isDev: Boolean(env.INNGEST_DEV) && env.INNGEST_DEV !== "0" });
}

export type RunFunctionDeps = { store: RunStore; tools: ToolCaller; cancelPollMs?: number };

/**
 * The Inngest engine: the same step code as the in-process engine, one `step.run` per node
 * attempt (memoized by Inngest, so a completed step never runs twice), `step.sleep` for the backoff
 * between attempts, at most RUN_LIMITS.maxActiveRunsPerUser runs per user at once (concurrency
 * key), and `cancelOn` the cancel event. A step in flight learns of a cancel from the database.
 */
export function createRunFunction(inngest: Inngest, deps: () => RunFunctionDeps) {
  return inngest.createFunction(
    {
      id: "run-workflow",
      retries: 3,
      triggers: [{ event: RUN_REQUESTED }],
      concurrency: [{ key: "event.data.userId", limit: RUN_LIMITS.maxActiveRunsPerUser }],
      cancelOn: [{ event: RUN_CANCELLED, match: "data.requestId" }],
    },
    async ({ event, step, runId }) => {
      const request = event.data as RunRequest;
      const { store, tools, cancelPollMs } = deps();
      // The run's id is Inngest's run id, as the create step saw it (memoized, so every replay agrees).
      const executionId = await step.run("create", async () => {
        const existing = await store.load(runId);
        if (existing) return runId;
        const made = await store.create(
          {
            id: runId,
            workflowId: request.workflowId,
            userId: request.userId,
            engine: "inngest",
            status: "running",
            input: request.input,
            triggerNodeId: request.triggerNodeId,
            graph: request.graph,
            sourceId: request.sourceId,
            requestId: request.requestId,
            triggerKind: request.trigger.kind,
            triggerKey: request.trigger.key,
          },
          Number.POSITIVE_INFINITY,
          request.reused.map((entry) => ({ ...entry, executionId: runId })),
        );
        // A repeated delivery Inngest did not deduplicate: the first run has it.
        return made.created ? runId : null;
      });
      if (!executionId) return { status: "repeated" as const };

      const plan = planRun(request.graph, request.triggerNodeId, () => ({ inputSchema: null }));
      const { known } = checkpointsFrom(
        request.reused.map((entry, i) => ({
          ...entry,
          executionId: executionId,
          seq: BigInt(i),
          createdAt: new Date(0),
        })),
      );
      const run = {
        id: executionId,
        userId: request.userId,
        workflowId: request.workflowId,
        input: request.input,
      };

      const withCancelWatch = async <T>(fn: (env: AttemptEnv) => Promise<T>): Promise<T> => {
        const controller = new AbortController();
        const timer = setInterval(() => {
          void store.cancelRequested(executionId).then(
            (yes) => yes && controller.abort(new Error("Cancelled.")),
            () => {},
          );
        }, cancelPollMs ?? 1_000);
        try {
          return await fn({
            plan,
            run,
            tools,
            log: (entry) => store.append(entry),
            signal: controller.signal,
            backoffMs: undefined,
          });
        } finally {
          clearInterval(timer);
        }
      };

      const runNode = async (
        nodeId: string,
        outputs: Record<string, unknown>,
        arrived: string[],
      ): Promise<NodeOutcome> => {
        for (let attempt = 1; ; attempt++) {
          const result = (await step.run(`${nodeId}#${attempt}`, () =>
            withCancelWatch((env) => attemptNode(env, nodeId, attempt, outputs, arrived)),
          )) as AttemptResult;
          if (result.kind !== "retry") return result;
          // Inngest sleeps in whole seconds.
          await step.sleep(`${nodeId}#${attempt}:backoff`, Math.max(1_000, result.delayMs));
        }
      };

      const outcome = await orchestrate({
        plan,
        known,
        runNode,
        skipNode: async (nodeId) => {
          await step.run(`${nodeId}:skipped`, () =>
            store.append(skipped(run, nodeId, plan.nodes.get(nodeId))),
          );
        },
      });

      await step.run("finish", () =>
        store.setStatus(
          executionId,
          outcome.status,
          outcome.status === "succeeded" ? { output: outcome.output, error: null } : { error: outcome.error },
        ),
      );
      return outcome;
    },
  );
}

function skipped(
  run: { id: string; workflowId: string },
  nodeId: string,
  node: WireNode | undefined,
): LogEntry {
  return {
    executionId: run.id,
    workflowId: run.workflowId,
    nodeId,
    stepName: node ? stepName(node) : nodeId,
    event: "skipped",
    attempt: 1,
  };
}
