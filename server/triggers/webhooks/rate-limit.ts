import type { PrismaClient } from "@/server/platform/db/generated/client";
import { inlineSql } from "@/server/platform/db/inline-sql";
import { privilegedStatement } from "@/server/platform/db/privileged";

type Source = Record<string, string | undefined>;

/** Deliveries accepted per minute, per webhook and per owner (all their webhooks together). */
export function webhookRateLimits(env: Source = process.env): { perWebhook: number; perOwner: number } {
  return {
    perWebhook: positive(env.TRYLIATE_WEBHOOK_RATE_PER_MINUTE, 600),
    perOwner: positive(env.TRYLIATE_WEBHOOK_OWNER_RATE_PER_MINUTE, 1200),
  };
}

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; scope: "webhook" | "owner" };

/**
 * Counts one delivery in the current minute for its webhook and its owner (one statement, in
 * Postgres, so every app instance counts together) and says whether either is over its limit.
 * Every delivery counts, refused ones too: a flood of bad signatures is limited like any other.
 */
export async function countDelivery(
  target: { webhookId: string; userId: string },
  limits = webhookRateLimits(),
  prisma?: PrismaClient,
): Promise<RateVerdict> {
  const { rows } = await privilegedStatement<{ bucket: string; hits: number; retry_after: number }>(
    "webhooks",
    inlineSql`insert into public.webhook_rate_counts as c (bucket, window_start, hits)
      values (${`webhook:${target.webhookId}`}, date_trunc('minute', now()), 1),
             (${`owner:${target.userId}`}, date_trunc('minute', now()), 1)
      on conflict (bucket, window_start) do update set hits = c.hits + 1
      returning c.bucket, c.hits,
        greatest(1, ceil(extract(epoch from (c.window_start + interval '1 minute' - now()))))::int as retry_after`,
    prisma ? { prisma } : {},
  );
  // Now and then, forget windows that have ended (a cheap delete on the primary key's range).
  if (Math.random() < 0.01)
    await privilegedStatement(
      "webhooks",
      inlineSql`delete from public.webhook_rate_counts where window_start < date_trunc('minute', now())`,
      prisma ? { prisma } : {},
    );
  for (const row of rows) {
    const scope = row.bucket.startsWith("webhook:") ? "webhook" : "owner";
    const limit = scope === "webhook" ? limits.perWebhook : limits.perOwner;
    if (row.hits > limit) return { ok: false, retryAfterSeconds: row.retry_after, scope };
  }
  return { ok: true };
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}
