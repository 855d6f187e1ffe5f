import type { JwtClaims } from "@/server/platform/db/claims";
import { withRls } from "@/server/platform/db/with-rls";

/**
 * Whether this session has met the user's second factor: it reached AAL2, or the user has no
 * verified factor. Asked of Postgres (public.session_meets_mfa), which reads the user's factors
 * and the token's `aal` claim; no cookie content is trusted. (Every withRls transaction refuses
 * sessions that have not; this asks without being refused, to send the person to the code prompt.)
 */
export async function sessionMeetsMfa(claims: JwtClaims): Promise<boolean> {
  const [row] = await withRls(
    claims,
    (tx) => tx.$queryRaw<{ ok: boolean }[]>`select public.session_meets_mfa() as ok`,
    { allowPendingSecondFactor: true },
  );
  return row?.ok === true;
}
