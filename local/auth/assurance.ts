import { AuthApiError } from "./errors";
import { sessionAal } from "./sessions";
import type { Db } from "./users";

/**
 * GoTrue's UserUpdate guard: once a user has a verified factor, only an aal2 session may change
 * the email address or the password, so a password alone cannot take the account over.
 */
export async function assertAal2ForCredentialChange(db: Db, userId: string, sessionId: string | null) {
  const { rowCount } = await db.query(
    "select 1 from auth.mfa_factors where user_id = $1 and status = 'verified' limit 1",
    [userId],
  );
  if (!rowCount || (sessionId && (await sessionAal(db, sessionId)) === "aal2")) return;
  throw new AuthApiError(
    401,
    "insufficient_aal",
    "AAL2 session is required to update email or password when MFA is enabled.",
  );
}
