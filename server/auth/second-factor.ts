import { ForbiddenError } from "@/server/errors";
import type { RlsTransaction } from "@/server/db/with-rls";

type UserDb = <T>(fn: (tx: RlsTransaction) => Promise<T>) => Promise<T>;

export const SECOND_FACTOR_REQUIRED =
  "Enter the code from your authenticator app first: MCP credentials need your second factor.";

/**
 * Whether this request's session may touch MCP credentials: it reached AAL2, or the user has no
 * verified factor. Asked of Postgres (public.session_meets_mfa), which reads the user's factors
 * and the token's `aal` claim; no cookie content is trusted.
 */
export async function sessionMeetsMfa(db: UserDb): Promise<boolean> {
  const [row] = await db((tx) => tx.$queryRaw<{ ok: boolean }[]>`select public.session_meets_mfa() as ok`);
  return row?.ok === true;
}

/** Throws FORBIDDEN (with the reason) unless the session meets the user's second factor. */
export async function requireSecondFactor(db: UserDb): Promise<void> {
  if (!(await sessionMeetsMfa(db))) throw new ForbiddenError(SECOND_FACTOR_REQUIRED);
}
