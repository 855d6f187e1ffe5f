import { getAppPrisma } from "./app-prisma";
import { UnauthorizedError } from "../errors";
import type { JwtClaims } from "./claims";
import type { Prisma, PrismaClient } from "./generated/client";

export type RlsTransaction = Prisma.TransactionClient;

type Options = { prisma?: PrismaClient; timeout?: number };

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
      const sessionId = typeof claims.session_id === "string" ? claims.session_id : null;
      const [state] = await tx.$queryRaw<{ active: boolean }[]>`
        select ${sessionId}::uuid is null or public.session_is_active(${sessionId}::uuid) as active
        from (select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                     set_config('role', 'authenticated', true)) as configured`;
      if (!state?.active) throw new UnauthorizedError("Your session has ended. Sign in again.");
      return fn(tx);
    },
    // A cold pool (first requests after a start, a busy machine) may take a few seconds to connect.
    { timeout: options.timeout ?? 15_000, maxWait: 10_000 },
  );
}
