import { z } from "zod";
import { RUN_LIMITS } from "@/lib/runs/status";

/**
 * What a failed step does to the run: `stop` fails the run; `continue` carries on through the
 * node's ordinary output with `{ error }` as its output; `error-output` carries on through its
 * `error` output only. Left out: `error-output` when an edge leaves the error output, else `stop`.
 */
export const ON_ERROR_MODES = ["stop", "continue", "error-output"] as const;
export type OnError = (typeof ON_ERROR_MODES)[number];

export const onErrorField = z.enum(ON_ERROR_MODES).optional();

/** Retries and timeout of a step that calls out (a tool); each left out takes the run's default. */
export const retrySettingsShape = {
  /** Attempts after the first when a call fails. */
  retries: z.number().int().min(0).max(RUN_LIMITS.maxRetries).optional(),
  /** The wait before the first retry; each later wait doubles, up to RUN_LIMITS.maxBackoffSeconds. */
  backoffSeconds: z.number().min(0).max(RUN_LIMITS.maxBackoffSeconds).optional(),
  /** How long one call may take before it is aborted. */
  timeoutSeconds: z.number().min(1).max(RUN_LIMITS.maxTimeoutSeconds).optional(),
};

/** The wait before attempt n+1 after attempt n failed: the first wait, doubled per attempt, capped. */
export function backoffDelayMs(
  attempt: number,
  firstSeconds: number = RUN_LIMITS.defaultBackoffSeconds,
): number {
  return Math.min(RUN_LIMITS.maxBackoffSeconds * 1000, firstSeconds * 1000 * 2 ** (attempt - 1));
}
