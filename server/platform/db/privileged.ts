import type { Prisma, PrismaClient } from "@/server/platform/db/generated/client";
import { getAppPrisma } from "./app-prisma";
import { poolOf } from "./client";
import { type InlineSql, inlineSql } from "./inline-sql";

/*
 * The one door to the database for code that acts without a user's request behind it (runs,
 * webhooks, admin commands). Everything else goes through withRls, where Postgres's row-level
 * security decides what a user may see. Here it does not: the transaction runs as Supabase's
 * `service_role`, which bypasses RLS, so every query must scope itself.
 *
 * Kept narrow on purpose: each caller names its reason from the list below (add one per new
 * use), the reason is visible to the database as the transaction's application_name, and the
 * transaction type is branded so privileged helpers cannot be handed a user's transaction.
 */

export const PRIVILEGED_REASONS = {
  "admin-stats": "instance-wide counts for an administrator",
  "assistant-budget":
    "counting a user's assistant requests and tokens, which the user must not be able to reset",
  "mcp-credentials": "a user's MCP credentials, which signed-in users cannot select (column privileges)",
  "mcp-credentials-rotation": "re-encrypting every stored MCP credential to the current key",
  runs: "the run engines write executions and their step log, and read runs to resume them",
  schedules:
    "registering every active workflow's schedules with the scheduler, and reading a schedule's workflow when it fires",
  triggers: "turning a workflow's triggers on after validating it, which its owner must not be able to skip",
  webhooks:
    "a webhook delivery carries no session: matching it to its webhook and owner, counting it, starting the owner's run; webhook ids and secrets, which only the server makes",
} as const;

export type PrivilegedReason = keyof typeof PRIVILEGED_REASONS;

declare const privileged: unique symbol;
/** A transaction that bypasses RLS; only withPrivilegedDb makes one. */
export type PrivilegedTransaction = Prisma.TransactionClient & { readonly [privileged]: true };

type Options = { prisma?: PrismaClient; timeout?: number };

function checkReason(reason: PrivilegedReason) {
  if (!Object.hasOwn(PRIVILEGED_REASONS, reason)) throw new Error(`Unknown privileged reason "${reason}".`);
}

/** The role, claims (so SQL that reads auth.role() sees the service role) and tag, for this transaction only. */
function serviceRoleSettings(reason: PrivilegedReason): InlineSql {
  return inlineSql`select set_config('role', 'service_role', true),
    set_config('request.jwt.claims', ${JSON.stringify({ role: "service_role" })}, true),
    set_config('application_name', ${`tryliate privileged: ${reason}`}, true)`;
}

/** Runs fn in one transaction as `service_role` (no RLS), tagged with its reason. */
export async function withPrivilegedDb<T>(
  reason: PrivilegedReason,
  fn: (tx: PrivilegedTransaction) => Promise<T>,
  options: Options = {},
): Promise<T> {
  checkReason(reason);
  const prisma = options.prisma ?? getAppPrisma();
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(serviceRoleSettings(reason).text);
      return fn(tx as PrivilegedTransaction);
    },
    { timeout: options.timeout ?? 15_000, maxWait: 10_000 },
  );
}

/**
 * One statement as `service_role`, like withPrivilegedDb, in a single round trip: the settings and
 * the statement go as one simple-protocol query, which Postgres runs as one transaction (so the
 * settings end with it, also behind a transaction pooler). For the hot path of runs, a step's log
 * row, where withPrivilegedDb's four round trips were most of a step's cost.
 */
export async function privilegedStatement<Row = Record<string, unknown>>(
  reason: PrivilegedReason,
  statement: InlineSql,
  options: Pick<Options, "prisma"> = {},
): Promise<{ rowCount: number; rows: Row[] }> {
  checkReason(reason);
  const prisma = options.prisma ?? getAppPrisma();
  const pool = poolOf(prisma);
  if (!pool) throw new Error("privilegedStatement needs a Prisma client made by getPrisma.");
  // Several statements in one simple-protocol query: pg answers with one result per statement.
  const results = (await pool.query(
    `${serviceRoleSettings(reason).text};\n${statement.text}`,
  )) as unknown as Array<{ rowCount: number | null; rows: Row[] }>;
  const last = results.at(-1);
  return { rowCount: last?.rowCount ?? 0, rows: last?.rows ?? [] };
}
