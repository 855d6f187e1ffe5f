import { AuthApiError } from "./errors";

const WINDOW_MS = 5 * 60_000;
const PRUNE_ABOVE_KEYS = 10_000;

/** GoTrue's answer once a limit is reached. */
export const overRequestRateLimit = () =>
  new AuthApiError(429, "over_request_rate_limit", "Request rate limit reached");

/** At most `limit` requests per key in any window (5 minutes unless given; a sliding log, in memory). */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = WINDOW_MS,
  ) {}

  /** Counts one request against every key, or none when any key is at its limit (then false). */
  allow(keys: string[], now = Date.now()): boolean {
    if (this.hits.size > PRUNE_ABOVE_KEYS) this.prune(now);
    const logs = keys.map((key) => {
      const recent = (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
      this.hits.set(key, recent);
      return recent;
    });
    if (logs.some((log) => log.length >= this.limit)) return false;
    for (const log of logs) log.push(now);
    return true;
  }

  private prune(now: number) {
    for (const [key, log] of this.hits) {
      if (log.every((at) => at <= now - this.windowMs)) this.hits.delete(key);
    }
  }
}
