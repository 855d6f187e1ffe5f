import { inTransaction } from "./db";
import { idTokenDisabled, web3Disabled } from "./disabled-features";
import { AuthApiError, invalidCredentials, OAuthError, validationFailed } from "./errors";
import { signIn } from "./grant";
import { readJsonBody, sendJson } from "./http";
import { passwordMatches, weakPasswordReasons } from "./passwords";
import { consumeAuthCode } from "./pkce";
import { overRequestRateLimit } from "./rate-limit";
import type { AuthRequest } from "./request";
import { createSession, refreshTokenGrant, sessionAal, sessionAmr } from "./sessions";
import { providerEnabled } from "./settings";
import { tokenResponse } from "./tokens";
import { findUserByEmail, findUserById, isBanned } from "./users";

async function passwordGrant(request: AuthRequest) {
  const body = await readJsonBody(request.req);
  const email = typeof body.email === "string" ? body.email.trim() : "";
  const phone = typeof body.phone === "string" ? body.phone.trim() : "";
  const password = typeof body.password === "string" ? body.password : "";
  if (email && phone)
    throw validationFailed("Only an email address or phone number should be provided on login.");
  if (!email && !phone) throw validationFailed("missing email or phone");
  if (phone) throw new AuthApiError(422, "phone_provider_disabled", "Phone logins are disabled");
  if (!providerEnabled(request.ctx.config.auth, "email")) {
    throw new AuthApiError(422, "email_provider_disabled", "Email logins are disabled");
  }
  const { pool } = request.ctx;
  const { signInLimiter, decoyPasswordHash } = request.options;
  // Keyed by the socket's address: a forwarded-for header is the client's word, not its IP.
  if (!signInLimiter.allow([`ip:${request.client.ip}`, `email:${email.toLowerCase()}`]))
    throw overRequestRateLimit();
  const found = await findUserByEmail(pool, email);
  // Without a user (or a password) a decoy hash is checked, so both cost the same time.
  const hash = found?.encrypted_password ?? (await decoyPasswordHash);
  if (!(await passwordMatches(pool, hash, password)) || !found?.encrypted_password)
    throw invalidCredentials();
  if (isBanned(found)) throw new AuthApiError(400, "user_banned", "User is banned");
  if (!found.email_confirmed_at) throw new AuthApiError(400, "email_not_confirmed", "Email not confirmed");
  const { user, sessionId, refreshToken, amr } = await inTransaction(pool, async (db) => {
    const session = await createSession(db, found, "password", request.client);
    const user = (await findUserById(db, found.id)) ?? found;
    return { user, ...session, amr: await sessionAmr(db, session.sessionId) };
  });
  const response = await tokenResponse(
    request.ctx,
    { issuer: request.issuer, user, sessionId, amr, refreshToken },
    weakPasswordReasons(password),
  );
  sendJson(request.res, 200, response);
}

async function refreshGrant(request: AuthRequest) {
  const body = await readJsonBody(request.req);
  const token = typeof body.refresh_token === "string" ? body.refresh_token : "";
  if (!token) throw new OAuthError("invalid_request", "refresh_token required");
  const { pool } = request.ctx;
  const granted = await refreshTokenGrant(
    pool,
    token,
    request.options.refreshTokenReuseInterval,
    request.client,
  );
  const amr = await sessionAmr(pool, granted.sessionId);
  const aal = await sessionAal(pool, granted.sessionId);
  sendJson(
    request.res,
    200,
    await tokenResponse(request.ctx, { issuer: request.issuer, amr, aal, ...granted }),
  );
}

/** grant_type=pkce: exchanges a flow's auth code and its verifier for a session, once. */
async function pkceGrant(request: AuthRequest) {
  const body = await readJsonBody(request.req);
  const authCode = typeof body.auth_code === "string" ? body.auth_code : "";
  const verifier = typeof body.code_verifier === "string" ? body.code_verifier : "";
  const response = await inTransaction(request.ctx.pool, async (db) => {
    const { userId, method, providerToken } = await consumeAuthCode(db, authCode, verifier);
    const user = await findUserById(db, userId);
    if (!user)
      throw new AuthApiError(404, "flow_state_not_found", "invalid flow state, no valid flow state found");
    const token = await signIn(request, db, user, method);
    return providerToken ? { ...token, provider_token: providerToken } : token;
  });
  sendJson(request.res, 200, response);
}

/** POST /token?grant_type=password|refresh_token|pkce */
export async function handleToken(request: AuthRequest) {
  const grantType = request.query.get("grant_type");
  if (grantType === "password") return passwordGrant(request);
  if (grantType === "pkce") return pkceGrant(request);
  if (grantType === "refresh_token") return refreshGrant(request);
  if (grantType === "id_token") return idTokenDisabled(request);
  if (grantType === "web3") web3Disabled();
  throw new AuthApiError(400, "invalid_credentials", "unsupported_grant_type");
}
