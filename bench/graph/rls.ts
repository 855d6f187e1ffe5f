import type { JwtClaims } from "../../server/platform/db/claims";
import type { PrismaClient } from "../../server/platform/db/generated/client";
import type { RlsTransaction } from "../../server/platform/db/with-rls";

/**
 * The same transaction setup as server/platform/db/with-rls.ts (claims + role `authenticated`), for a
 * plain tsx script: importing with-rls pulls in server/platform/env, which is "server-only".
 */
export function asUser<T>(
  prisma: PrismaClient,
  claims: JwtClaims,
  fn: (tx: RlsTransaction) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                                  set_config('role', 'authenticated', true)`;
      return fn(tx);
    },
    { timeout: 120_000 },
  );
}
