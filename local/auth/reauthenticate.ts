import { inTransaction } from "./db";
import { sendTokenEmail } from "./email-flows";
import { tokenExpired, tokenHash } from "./email-tokens";
import { AuthApiError, badRequest, validationFailed } from "./errors";
import { sendJson } from "./http";
import { type AuthRequest, requireUser } from "./request";
import type { AuthSettings } from "./settings";
import type { Db, User } from "./users";

const INVALID_NONCE = "Nonce has expired or is invalid";

/** GET /reauthenticate: emails the signed-in user a nonce for a sensitive change. */
export async function handleReauthenticate(request: AuthRequest) {
  const { user } = await requireUser(request);
  if (!user.email)
    throw validationFailed("Reauthentication requires the user to have an email or a phone number");
  if (!user.email_confirmed_at)
    throw new AuthApiError(422, "email_not_confirmed", "Please verify your email first.");
  await inTransaction(request.ctx.pool, (db) => sendTokenEmail(request, db, user, "reauthentication"));
  sendJson(request.res, 200, {});
}

/**
 * GoTrue's password-change rule under SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION: a
 * session older than the window needs the emailed nonce, which is used up by the change.
 */
export async function assertReauthenticated(
  db: Db,
  settings: AuthSettings,
  user: User,
  sessionId: string | null,
  nonce: string,
) {
  if (!settings.passwordChangeRequiresReauthentication) return;
  const { rows } = await db.query<{ created_at: Date }>(
    "select created_at from auth.sessions where id = $1",
    [sessionId],
  );
  const created = rows[0]?.created_at;
  if (created && Date.now() <= created.getTime() + settings.reauthenticationWindow * 1000) return;
  if (!nonce) throw badRequest("reauthentication_needed", "Password update requires reauthentication");
  const stored = user.reauthentication_token ?? "";
  const valid =
    !!stored &&
    !!user.email &&
    stored === tokenHash(user.email, nonce) &&
    !tokenExpired(user, "reauthentication", settings);
  if (!valid) throw new AuthApiError(422, "reauthentication_not_valid", INVALID_NONCE);
  await db.query(
    "update auth.users set reauthentication_token = '', reauthentication_sent_at = null where id = $1",
    [user.id],
  );
}
