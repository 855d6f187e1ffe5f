import type { Prisma, PrismaClient } from "@/server/platform/db/generated/client";
import { AppError } from "@/server/platform/errors/app-error";
import { getAppPrisma } from "./app-prisma";
import type { JwtClaims } from "./claims";

export type RlsTransaction = Prisma.TransactionClient;

/**
 * Something that runs SQL under the signed-in user's RLS: each call is one `withRls` transaction.
 * Services that work between transactions (MCP calls, starting runs) take one as `db`; services
 * that run inside a single transaction take its `tx: RlsTransaction`.
 */
export type RlsDb = <T>(fn: (tx: RlsTransaction) => Promise<T>) => Promise<T>;

type Options = {
  prisma?: PrismaClient;
  timeout?: number;
  /**
   * Lets a session that still owes its second factor through, its rows as RLS decides: only for
   * asking whether that factor is met (and for tests of the policies). Request paths keep the default.
   */
  allowPendingSecondFactor?: boolean;
};

export const SECOND_FACTOR_PENDING = "Enter the code from your authenticator app first.";

/**
 * Runs fn in one transaction as Postgres role `authenticated` with the user's JWT claims, so
 * the same RLS policies that guard Realtime and direct SQL guard the app's own queries.
 */
export async function withRls<T>(
  claims: JwtClaims,
  fn: (tx: RlsTransaction) => Promise<T>,
  options: Options = {},
): Promise<T> {
  const prisma = options.prisma ?? getAppPrisma();
  return prisma.$transaction(
    async (tx) => {
      // One round trip: claims and role (set_config('role', …, true) is `set local role`) in the
      // subquery, which Postgres runs first; then, as that role, whether the token's session
      // still exists (signed out everywhere = gone). A token without session_id is not a
      // session's (GoTrue accepts those too); only holders of the signing key can make one.
      // In the same query: a user who enrolled a second factor and signed in with one factor
      // (aal1) gets nothing until the code is entered, like the pages (AAL2, Supabase's MFA rule).
      const sessionId = typeof claims.session_id === "string" ? claims.session_id : null;
      const checkSecondFactor = !options.allowPendingSecondFactor;
      const [state] = await tx.$queryRaw<{ active: boolean; second_factor_met: boolean }[]>`
        select ${sessionId}::uuid is null or public.session_is_active(${sessionId}::uuid) as active,
               not ${checkSecondFactor} or public.session_meets_mfa() as second_factor_met
        from (select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                     set_config('role', 'authenticated', true)) as configured`;
      if (!state?.active) throw new AppError("auth.session_ended", "Your session has ended. Sign in again.");
      if (!state.second_factor_met) throw new AppError("auth.second_factor_pending", SECOND_FACTOR_PENDING);
      return fn(tx);
    },
    // A cold pool (first requests after a start, a busy machine) may take a few seconds to connect.
    { timeout: options.timeout ?? 15_000, maxWait: 10_000 },
  );
}
