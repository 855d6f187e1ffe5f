import { getAppPrisma } from "./app-prisma";
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
      // One round trip; set_config('role', …, true) is `set local role`.
      await tx.$executeRaw`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                                  set_config('role', 'authenticated', true)`;
      return fn(tx);
    },
    // A cold pool (first requests after a start, a busy machine) may take a few seconds to connect.
    { timeout: options.timeout ?? 15_000, maxWait: 10_000 },
  );
}
