import { createHash, randomUUID } from "node:crypto";
import type { WireNode } from "@/lib/graph/nodes";
import type { WireEdge } from "@/lib/graph/schemas";
import type { EngineName, TriggerKind } from "@/lib/runs/status";
import type { LogEntry } from "./store";

/** A run planned by the runs service: everything an engine needs to execute it, from any process. */
export type PlannedRun = {
  workflowId: string;
  userId: string;
  input: unknown;
  triggerNodeId: string;
  /** The graph as it was when the run started; later edits never reach a running run. */
  graph: { nodes: WireNode[]; edges: WireEdge[] };
  sourceId: string | null;
  /** Steps reused from the source run (retry from the failed step), logged into the new run first. */
  reused: Omit<LogEntry, "executionId">[];
  trigger: RunTrigger;
};

/**
 * What started a run. `key` makes the start happen once: a webhook delivery's Idempotency-Key, a
 * schedule's slot; starting again with the same key (same workflow and trigger node) finds the first run.
 */
export type RunTrigger = { kind: TriggerKind; key?: string | null };

/** A planned run as an engine was handed it: `requestId` names it before the engine gives it an id. */
export type RunRequest = PlannedRun & { requestId: string };

/**
 * A run handed to an engine. `id` is null when the engine names the run later (Inngest);
 * `repeated` is true when a start with the same trigger key had already made it.
 */
export type StartedRun = { id: string | null; requestId: string; engine: EngineName; repeated: boolean };

/** The request id of a keyed start: the same for every repeat of it, so a repeat finds the first run. */
export function requestIdFor(run: PlannedRun): string {
  if (!run.trigger.key) return randomUUID();
  const hash = createHash("sha256")
    .update(JSON.stringify([run.workflowId, run.triggerNodeId, run.trigger.key]))
    .digest("hex");
  return `key_${hash.slice(0, 40)}`;
}

/**
 * Where runs execute. The runs service (Run, re-run, retry, cancel) and the triggers (a webhook
 * delivery, a schedule's slot) hand runs to an engine through this interface only and never ask
 * which engine it is; `runEngine()` chooses it from the configuration.
 */
export interface RunEngine {
  readonly name: EngineName;
  /**
   * Queues a planned run and returns as soon as it is queued; the run goes on in the background,
   * beyond the request that started it. Refuses (TooManyError) when the engine keeps a per-user
   * limit of active runs and the owner is at it. A start with a trigger key already used returns
   * the first run (`repeated`) and starts nothing: this is how a webhook delivery is enqueued and
   * a schedule's slot fired exactly once.
   */
  start(run: PlannedRun): Promise<StartedRun>;
  /** Stops a queued or running run: the in-flight step is aborted, nothing after it runs, it ends cancelled. */
  cancel(run: { id: string; requestId: string | null }): Promise<void>;
  /** Picks up runs a stopped process left unfinished; returns their ids (none where the engine replays them itself). */
  resume(): Promise<string[]>;
}
