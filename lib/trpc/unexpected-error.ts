import { TRPCClientError } from "@trpc/client";

/**
 * Whether a failed call is worth a console error: the server's own failures (5xx) and calls that
 * got no answer. An expected refusal (a 4xx: bad input, a refused run, a limit) is shown where it
 * happened and is not an error of the app, so it is not logged (in development a logged error
 * also lights the framework's error badge).
 */
export function isUnexpectedError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return true;
  const status = (error.data as { httpStatus?: unknown } | undefined)?.httpStatus;
  return typeof status !== "number" || status >= 500;
}
