/** The database stayed unreachable for the whole retry budget; the run is left to the lease sweep. */
export class DatabaseUnavailable extends Error {
  constructor(
    readonly waitedMs: number,
    cause: unknown,
  ) {
    super(`the database stayed unreachable for ${Math.round(waitedMs / 1000)} s: ${messageOf(cause)}`, {
      cause,
    });
  }
}

export type DbRetryOptions = {
  /** How long to keep retrying, in total, before giving up (DatabaseUnavailable). */
  budgetMs: number;
  /** Called on the first failure of an outage, to say so once. */
  onOutage?: (error: unknown) => void;
};

// Connection-level failures: the server is down, restarting, refusing connections, or dropped ours.
const TRANSIENT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01", // admin_shutdown (pg_terminate_backend, a fast shutdown)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down)
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "P1001", // Prisma: can't reach database server
  "P1002",
  "P1017", // Prisma: server has closed the connection
  "P2024", // Prisma: timed out fetching a connection from the pool
]);
const TRANSIENT_MESSAGE =
  /can't reach database server|connection terminated|terminating connection|not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)|server has closed the connection|connection refused|ECONNREFUSED|ECONNRESET|timed out fetching a new connection/i;

/** True for errors that mean "the database is unreachable right now", not "this statement is wrong". */
export function isTransientDbError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    if (typeof current !== "object") return false;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    if (typeof message === "string" && TRANSIENT_MESSAGE.test(message)) return true;
    if (current instanceof AggregateError && current.errors.some(isTransientDbError)) return true;
    current = cause;
  }
  return false;
}

/** Wait before retry n (1-based): 100 ms doubling, at most 2 s. */
export function dbRetryDelayMs(retry: number): number {
  return Math.min(2_000, 100 * 2 ** (retry - 1));
}

/**
 * Runs fn, retrying it with backoff while it fails with a transient database error, for at most
 * `budgetMs` in total; then throws DatabaseUnavailable. Any other error is thrown at once. fn must
 * be safe to repeat (a write that may have committed before its connection dropped must check).
 */
export async function retryDb<T>(fn: (retry: number) => Promise<T>, options: DbRetryOptions): Promise<T> {
  const started = Date.now();
  for (let retry = 0; ; retry++) {
    try {
      return await fn(retry);
    } catch (error) {
      if (!isTransientDbError(error)) throw error;
      if (retry === 0) options.onOutage?.(error);
      const waited = Date.now() - started;
      const delay = dbRetryDelayMs(retry + 1);
      if (waited + delay > options.budgetMs) throw new DatabaseUnavailable(waited, error);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
