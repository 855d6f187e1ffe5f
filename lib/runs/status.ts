/** Statuses and step events of runs, shared by the server (which writes them) and the canvas (which shows them). */

export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const STEP_EVENTS = ["started", "retried", "succeeded", "failed", "cancelled", "skipped"] as const;
export type StepEvent = (typeof STEP_EVENTS)[number];

/** What a node shows on the canvas: the status its latest step event implies. */
export type StepStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled" | "skipped";

export const ENGINES = ["in-process", "inngest"] as const;
export type EngineName = (typeof ENGINES)[number];

/** What started a run: a person (Run, re-run, retry, the assistant), a webhook delivery, a schedule's slot. */
export const TRIGGER_KINDS = ["manual", "webhook", "schedule"] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export function isFinished(status: RunStatus): boolean {
  return status === "succeeded" || status === "failed" || status === "cancelled";
}

export function stepStatusOf(event: StepEvent): StepStatus {
  return event === "started" || event === "retried" ? "running" : event;
}

/** Limits a run works within; the server enforces them, the UI states them. */
export const RUN_LIMITS = {
  /** Bytes of the trigger input (as JSON text). */
  maxInputBytes: 64 * 1024,
  /** Bytes of a step's input or output kept whole in the log; beyond, it is stored cut with a marker. */
  maxLoggedValueBytes: 256 * 1024,
  /** Runs one user may have queued or running at once. */
  maxActiveRunsPerUser: 5,
  /** Nodes of one run executing at the same time (independent branches). */
  maxParallelSteps: 4,
  defaultRetries: 2,
  maxRetries: 10,
  /** The wait before a step's first retry; each later wait doubles, up to maxBackoffSeconds. */
  defaultBackoffSeconds: 0.5,
  maxBackoffSeconds: 30,
  defaultTimeoutSeconds: 60,
  maxTimeoutSeconds: 3600,
} as const;

/** A value too large for the log, as stored: its JSON text cut at the cap, and its original size. */
export type CutValue = { $cut: { originalBytes: number; keptBytes: number }; text: string };

export function isCutValue(value: unknown): value is CutValue {
  return typeof value === "object" && value !== null && "$cut" in value && "text" in value;
}
