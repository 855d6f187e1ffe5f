import type { WireNode } from "@/lib/graph/nodes";
import { backoffDelayMs } from "@/lib/graph/nodes/step-settings";
import { RUN_LIMITS } from "@/lib/runs/status";
import { loggedValue } from "./log-value";
import { nodeName, type RunPlan } from "./plan";
import { StepError } from "./step-error";
import { stepFor } from "./steps";
import type { LogEntry } from "./store";
import type { ToolCaller } from "./tool-caller";

export type RunRef = { id: string; userId: string; workflowId: string; input: unknown };

/** What the engines give the step code: where to log, how to call tools, when to stop. */
export type AttemptEnv = {
  plan: RunPlan;
  run: RunRef;
  log: (entry: LogEntry) => Promise<void>;
  tools: ToolCaller;
  /** Aborted when the run is cancelled. */
  signal: AbortSignal;
  /** Wait before attempt n+1 after attempt n failed; left out, the node's own backoff. */
  backoffMs?: (attempt: number) => number;
  /**
   * True when `log` commits rows in the order it is given them (the in-process engine's writer):
   * an attempt's ending is then handed over without waiting for its `started` row to commit.
   */
  logKeepsOrder?: boolean;
};

/** Serializable (Inngest memoizes it), so outputs are as logged. */
export type AttemptResult =
  | { kind: "succeeded"; output: unknown; handles: string[] }
  | { kind: "retry"; error: string; delayMs: number }
  | { kind: "failed"; error: string }
  | { kind: "cancelled"; error: string };

export function retriesOf(node: WireNode): number {
  const step = stepFor(node.type);
  return step?.retries?.(node as never) ?? (node.type === "protocol" ? RUN_LIMITS.defaultRetries : 0);
}

/**
 * One attempt of one node: logs `started`, runs the node's step with its timeout and the run's
 * cancellation, and logs how it ended (`succeeded`, `retried`, `failed` or `cancelled`) with
 * input, output or error, attempt and duration. The log row is written before this returns, so
 * a completed step is checkpointed before the next one begins.
 */
export async function attemptNode(
  env: AttemptEnv,
  nodeId: string,
  attempt: number,
  outputs: Record<string, unknown>,
  arrived: string[] = [],
): Promise<AttemptResult> {
  const node = env.plan.nodes.get(nodeId) as WireNode;
  const step = stepFor(node.type);
  const base = {
    executionId: env.run.id,
    workflowId: env.run.workflowId,
    nodeId,
    stepName: stepName(node),
    attempt,
  };
  if (!step) throw new Error(`${nodeName(node)} has no step`);
  const timeoutMs = (step.timeoutSeconds?.(node as never) ?? RUN_LIMITS.defaultTimeoutSeconds) * 1000;
  // The step starts while its `started` row is written (off the step's critical path); every later
  // row of the attempt is logged after that write (or, with an ordered log, after it in the queue), so
  // the log keeps its order, and a failed write still stops the run.
  const startedRow = env.log({ ...base, event: "started" });
  startedRow.catch(() => {});
  const afterStarted = async (entry: LogEntry) => {
    if (!env.logKeepsOrder) await startedRow;
    const ending = env.log(entry);
    await Promise.all([startedRow, ending]);
  };
  const started = performance.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([env.signal, timeout]);
  const duration = () => Math.round(performance.now() - started);
  try {
    env.signal.throwIfAborted();
    const result = await abortable(
      step.run({
        runId: env.run.id,
        userId: env.run.userId,
        node: node as never,
        data: { input: env.run.input, nodes: outputs },
        arrived,
        signal,
        timeoutMs,
        tools: env.tools,
      }),
      signal,
    );
    const output = loggedValue(result.output);
    await afterStarted({
      ...base,
      event: "succeeded",
      durationMs: duration(),
      payload: { input: loggedValue(result.input), output, handles: result.handles },
    });
    return { kind: "succeeded", output, handles: result.handles };
  } catch (caught) {
    const input =
      caught instanceof StepError && caught.input !== undefined ? { input: loggedValue(caught.input) } : {};
    if (env.signal.aborted) {
      const error = "Cancelled while running.";
      await afterStarted({ ...base, event: "cancelled", durationMs: duration(), error, payload: input });
      return { kind: "cancelled", error };
    }
    const error = timeout.aborted
      ? `${nodeName(node)} did not finish within ${timeoutMs / 1000} s.`
      : caught instanceof Error
        ? caught.message
        : String(caught);
    const retryable = timeout.aborted || !(caught instanceof StepError) || caught.retryable;
    if (retryable && attempt <= retriesOf(node)) {
      await afterStarted({ ...base, event: "retried", durationMs: duration(), error, payload: input });
      const delayMs = env.backoffMs
        ? env.backoffMs(attempt)
        : backoffDelayMs(attempt, step.backoffSeconds?.(node as never));
      return { kind: "retry", error, delayMs };
    }
    await afterStarted({ ...base, event: "failed", durationMs: duration(), error, payload: input });
    return { kind: "failed", error };
  }
}

/** The step's own promise may ignore the signal; the attempt ends when the signal fires anyway. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export function stepName(node: WireNode): string {
  return ("label" in node.data && node.data.label) || node.type;
}
