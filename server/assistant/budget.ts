import type { PrismaClient } from "@/server/platform/db/generated/client";
import { type PrivilegedTransaction, withPrivilegedDb } from "@/server/platform/db/privileged";
import type { BudgetConfig } from "@/server/platform/env/assistant";

export type BudgetVerdict = { ok: true } | { ok: false; message: string };

const MINUTE = 60_000;
const dayOf = (at: number) => new Date(new Date(at).toISOString().slice(0, 10));

type Usage = { tokens: number; recent: number[] };

/**
 * A per-user allowance of requests per minute and tokens per UTC day, kept in Postgres
 * (`assistant_usage`) so that every server instance counts against the same allowance and a
 * restart forgets nothing. Written only here, through the privileged module: users may read
 * their row but never reset it.
 */
export function createBudget(
  config: BudgetConfig,
  options: { prisma?: PrismaClient; now?: () => number } = {},
) {
  const now = options.now ?? Date.now;
  const db = <T>(fn: (tx: PrivilegedTransaction) => Promise<T>) =>
    withPrivilegedDb("assistant-budget", fn, options.prisma ? { prisma: options.prisma } : {});

  /** The user's usage as of `at`, its row locked until the transaction ends (created on first use). */
  async function lockedUsage(tx: PrivilegedTransaction, userId: string, at: number): Promise<Usage> {
    const day = dayOf(at);
    // One statement: creates the row on first use, and locks it (the no-op update) either way.
    const [row] = await tx.$queryRaw<{ day: Date; tokens: bigint; recent: unknown }[]>`
      insert into public.assistant_usage as u (user_id, day) values (${userId}::uuid, ${day}::date)
      on conflict (user_id) do update set day = u.day
      returning u.day, u.tokens, u.recent_requests as recent`;
    const sameDay = row?.day.getTime() === day.getTime();
    const recent = Array.isArray(row?.recent)
      ? row.recent.filter((t): t is number => typeof t === "number")
      : [];
    return { tokens: sameDay ? Number(row?.tokens ?? 0) : 0, recent: recent.filter((t) => at - t < MINUTE) };
  }

  const save = (tx: PrivilegedTransaction, userId: string, at: number, usage: Usage) =>
    tx.assistantUsage.update({
      where: { userId },
      data: {
        day: dayOf(at),
        tokens: BigInt(usage.tokens),
        recentRequests: usage.recent,
        updatedAt: new Date(at),
      },
    });

  return {
    /** Counts one request if the user has budget left; otherwise says why not, in one sentence. */
    take(userId: string): Promise<BudgetVerdict> {
      return db(async (tx) => {
        const at = now();
        const usage = await lockedUsage(tx, userId, at);
        if (usage.tokens >= config.tokensPerDay) {
          return {
            ok: false,
            message: `You have used today's assistant allowance of ${config.tokensPerDay.toLocaleString("en")} tokens; it renews at midnight UTC.`,
          };
        }
        if (usage.recent.length >= config.requestsPerMinute) {
          const wait = Math.max(1, Math.ceil((MINUTE - (at - (usage.recent[0] ?? at))) / 1000));
          return {
            ok: false,
            message: `You have sent ${config.requestsPerMinute} requests to the assistant in the last minute; try again in ${wait} s.`,
          };
        }
        await save(tx, userId, at, { ...usage, recent: [...usage.recent, at] });
        return { ok: true };
      });
    },
    /** Adds the tokens a finished (or aborted) turn used. */
    record(userId: string, tokens: number): Promise<void> {
      return db(async (tx) => {
        const at = now();
        const usage = await lockedUsage(tx, userId, at);
        await save(tx, userId, at, { ...usage, tokens: usage.tokens + Math.max(0, Math.round(tokens)) });
      });
    },
    tokensUsedToday(userId: string): Promise<number> {
      return db(async (tx) => (await lockedUsage(tx, userId, now())).tokens);
    },
  };
}

export type Budget = ReturnType<typeof createBudget>;
