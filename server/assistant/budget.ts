import type { BudgetConfig } from "./config";

type Usage = { requests: number[]; day: string; tokens: number };

export type BudgetVerdict = { ok: true } | { ok: false; message: string };

const MINUTE = 60_000;

/**
 * A per-user allowance of requests per minute and tokens per UTC day. Kept in this server
 * process's memory: several server instances each count their own share.
 */
export function createBudget(config: BudgetConfig, now: () => number = Date.now) {
  const users = new Map<string, Usage>();
  const usageOf = (userId: string): Usage => {
    const day = new Date(now()).toISOString().slice(0, 10);
    let usage = users.get(userId);
    if (!usage || usage.day !== day) {
      usage = { requests: usage?.requests ?? [], day, tokens: 0 };
      users.set(userId, usage);
    }
    usage.requests = usage.requests.filter((at) => now() - at < MINUTE);
    return usage;
  };

  return {
    /** Counts one request if the user has budget left; otherwise says why not, in one sentence. */
    take(userId: string): BudgetVerdict {
      const usage = usageOf(userId);
      if (usage.tokens >= config.tokensPerDay) {
        return {
          ok: false,
          message: `You have used today's assistant allowance of ${config.tokensPerDay.toLocaleString("en")} tokens; it renews at midnight UTC.`,
        };
      }
      if (usage.requests.length >= config.requestsPerMinute) {
        const wait = Math.ceil((MINUTE - (now() - (usage.requests[0] ?? now()))) / 1000);
        return {
          ok: false,
          message: `You have sent ${config.requestsPerMinute} requests to the assistant in the last minute; try again in ${wait} s.`,
        };
      }
      usage.requests.push(now());
      return { ok: true };
    },
    /** Adds the tokens a finished (or aborted) turn used. */
    record(userId: string, tokens: number) {
      usageOf(userId).tokens += Math.max(0, tokens);
    },
    tokensUsedToday: (userId: string) => usageOf(userId).tokens,
  };
}

export type Budget = ReturnType<typeof createBudget>;
