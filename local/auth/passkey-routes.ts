import { inTransaction } from "./db";
import { AuthApiError, validationFailed } from "./errors";
import { signIn } from "./grant";
import { readJsonBody, sendJson, sendNoContent } from "./http";
import {
  consumeChallenge,
  findOwnPasskey,
  findPasskeyByCredentialId,
  insertPasskey,
  listPasskeys,
  passkeyJson,
  saveChallenge,
  storedCredential,
} from "./passkeys";
import { overRequestRateLimit } from "./rate-limit";
import { type AuthRequest, requireSignedUpUser, requireUser } from "./request";
import { sessionAal } from "./sessions";
import { findUserById, isBanned } from "./users";
import {
  authenticationOptions,
  authenticationResponse,
  registrationOptions,
  registrationResponse,
  verificationFailed,
  verifyAuthentication,
  verifyRegistration,
  webauthnError,
} from "./webauthn";

/** GoTrue's requirePasskeyManagementAAL: with a verified MFA factor, adding or removing a passkey needs aal2. */
async function requireManagementAal(request: AuthRequest, signedUp = false) {
  const authenticated = signedUp ? await requireSignedUpUser(request) : await requireUser(request);
  const { user, sessionId } = authenticated;
  const hasMfa = user.factors.some((factor) => factor.status === "verified");
  if (hasMfa && (!sessionId || (await sessionAal(request.ctx.pool, sessionId)) !== "aal2")) {
    throw new AuthApiError(
      403,
      "insufficient_aal",
      "AAL2 session is required to manage passkeys when MFA is enabled",
    );
  }
  return authenticated;
}

const tooManyPasskeys = () =>
  new AuthApiError(422, "too_many_passkeys", "Maximum number of passkeys reached");

/** POST /passkeys/registration/options → {challenge_id, options, expires_at}. */
async function registrationStart(request: AuthRequest) {
  const { user } = await requireManagementAal(request, true);
  const settings = request.ctx.config.auth;
  const existing = await listPasskeys(request.ctx.pool, user.id);
  if (existing.length >= settings.maxPasskeysPerUser) throw tooManyPasskeys();
  const name = user.raw_user_meta_data?.name;
  const { options, session } = await registrationOptions(
    settings,
    { id: user.id, email: user.email, displayName: typeof name === "string" ? name : undefined },
    existing.map(storedCredential),
    true,
  );
  const challenge = await saveChallenge(request.ctx.pool, "registration", user.id, session);
  sendJson(request.res, 200, { challenge_id: challenge.id, options, expires_at: challenge.expiresAt });
}

/** POST /passkeys/registration/verify {challenge_id, credential} → the new passkey. */
async function registrationFinish(request: AuthRequest) {
  const { user } = await requireManagementAal(request, true);
  const body = await readJsonBody(request.req);
  const settings = request.ctx.config.auth;
  // Consumed outside the transaction below: a failed attempt uses the challenge up too.
  const session = await consumeChallenge(request.ctx.pool, "registration", user.id, body);
  const response = registrationResponse(body.credential);
  if (!response) throw webauthnError("webauthn_verification_failed", "Invalid credential response");
  const credential = await verifyRegistration(settings, session, response);
  const created = await inTransaction(request.ctx.pool, async (db) => {
    await db.query("select 1 from auth.users where id = $1 for update", [user.id]);
    if ((await listPasskeys(db, user.id)).length >= settings.maxPasskeysPerUser) throw tooManyPasskeys();
    // GoTrue names a passkey after its authenticator's AAGUID when known; this server knows none.
    const row = await insertPasskey(db, user.id, credential, "Passkey");
    if (!row)
      throw new AuthApiError(422, "webauthn_credential_exists", "This credential is already registered");
    return row;
  });
  sendJson(request.res, 200, passkeyJson(created));
}

/** POST /passkeys/authentication/options → a discoverable-credential challenge, no user needed. */
async function authenticationStart(request: AuthRequest) {
  if (!request.options.passkeyLimiter.allow([`passkey:${request.client.ip}`])) throw overRequestRateLimit();
  const { options, session } = await authenticationOptions(request.ctx.config.auth, [], null);
  const challenge = await saveChallenge(request.ctx.pool, "authentication", null, session);
  sendJson(request.res, 200, { challenge_id: challenge.id, options, expires_at: challenge.expiresAt });
}

/** POST /passkeys/authentication/verify {challenge_id, credential} → a session for the passkey's user. */
async function authenticationFinish(request: AuthRequest) {
  const body = await readJsonBody(request.req);
  const session = await consumeChallenge(request.ctx.pool, "authentication", null, body);
  const response = authenticationResponse(body.credential);
  if (!response) throw webauthnError("webauthn_verification_failed", "Invalid credential response");
  const passkey = await findPasskeyByCredentialId(request.ctx.pool, response.id);
  const userHandle = response.response.userHandle
    ? Buffer.from(response.response.userHandle, "base64url").toString("utf8")
    : "";
  if (!passkey || passkey.user_id !== userHandle) throw verificationFailed();
  const counter = await verifyAuthentication(
    request.ctx.config.auth,
    session,
    response,
    storedCredential(passkey),
  );
  const token = await inTransaction(request.ctx.pool, async (db) => {
    const user = await findUserById(db, passkey.user_id);
    if (!user) throw verificationFailed();
    if (user.email && !user.email_confirmed_at)
      throw new AuthApiError(403, "email_not_confirmed", "Email not confirmed");
    if (isBanned(user)) throw new AuthApiError(403, "user_banned", "User is banned");
    await db.query(
      "update auth.webauthn_credentials set sign_count = $2, last_used_at = now(), updated_at = now() where id = $1",
      [passkey.id, counter],
    );
    return signIn(request, db, user, "passkey");
  });
  sendJson(request.res, 200, token);
}

/** PATCH /passkeys/:id {friendly_name} → the renamed passkey. */
async function rename(request: AuthRequest, id: string) {
  const { user } = await requireUser(request);
  const body = await readJsonBody(request.req);
  const name = typeof body.friendly_name === "string" ? body.friendly_name : "";
  if (!name) throw validationFailed("friendly_name is required");
  if (name.length > 120) throw validationFailed("friendly_name must be 120 characters or less");
  const row = await findOwnPasskey(request.ctx.pool, user.id, id);
  await request.ctx.pool.query(
    "update auth.webauthn_credentials set friendly_name = $2, updated_at = now() where id = $1",
    [row.id, name],
  );
  sendJson(request.res, 200, passkeyJson({ ...row, friendly_name: name }));
}

/** DELETE /passkeys/:id → 204. */
async function remove(request: AuthRequest, id: string) {
  const { user } = await requireManagementAal(request);
  const row = await findOwnPasskey(request.ctx.pool, user.id, id);
  await request.ctx.pool.query("delete from auth.webauthn_credentials where id = $1", [row.id]);
  sendNoContent(request.res);
}

const CEREMONIES: Record<string, (request: AuthRequest) => Promise<void>> = {
  "POST /passkeys/authentication/options": authenticationStart,
  "POST /passkeys/authentication/verify": authenticationFinish,
  "POST /passkeys/registration/options": registrationStart,
  "POST /passkeys/registration/verify": registrationFinish,
};

/** The /passkeys routes; all answer `404 passkey_disabled` while passkeys are off. */
export async function handlePasskeys(request: AuthRequest): Promise<boolean> {
  const match = /^\/passkeys(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(request.path);
  if (!match) return false;
  if (!request.ctx.config.auth.passkeyEnabled) {
    throw new AuthApiError(404, "passkey_disabled", "Passkeys are disabled");
  }
  const method = request.req.method;
  const ceremony = CEREMONIES[`${method} ${request.path}`];
  const [, id, action] = match;
  if (ceremony) await ceremony(request);
  else if (!id && method === "GET") {
    const { user } = await requireUser(request);
    sendJson(request.res, 200, (await listPasskeys(request.ctx.pool, user.id)).map(passkeyJson));
  } else if (id && !action && method === "PATCH") await rename(request, id);
  else if (id && !action && method === "DELETE") await remove(request, id);
  else return false;
  return true;
}
