import { inTransaction } from "./db";
import { AuthApiError, badRequest, validationFailed } from "./errors";
import { readJsonBody, sendJson } from "./http";
import { assertPasswordAcceptable, hashPassword } from "./passwords";
import type { AuthRequest } from "./request";
import { createSession, sessionAmr } from "./sessions";
import { tokenResponse } from "./tokens";
import { findUserByEmail, findUserById, insertEmailUser, normalizeEmail } from "./users";

function metadataObject(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw validationFailed("data must be an object");
  return value as Record<string, unknown>;
}

/** POST /signup with e-mail autoconfirm on (the local default): the new user is signed in at once. */
export async function handleSignup(request: AuthRequest) {
  const body = await readJsonBody(request.req);
  const password = typeof body.password === "string" ? body.password : "";
  if (!password && !body.email && !body.phone) {
    // signInAnonymously(): anonymous sign-ins are off, as in a default Supabase project.
    throw new AuthApiError(422, "anonymous_provider_disabled", "Anonymous sign-ins are disabled");
  }
  if (!password) throw validationFailed("Signup requires a valid password");
  assertPasswordAcceptable(password);
  const hasEmail = typeof body.email === "string" && body.email !== "";
  const hasPhone = typeof body.phone === "string" && body.phone !== "";
  if (hasEmail && hasPhone) {
    throw validationFailed("Only an email address or phone number should be provided on signup.");
  }
  if (hasPhone) throw badRequest("phone_provider_disabled", "Phone signups are disabled");
  const email = normalizeEmail(body.email);
  const userMetadata = metadataObject(body.data);
  const passwordHash = await hashPassword(password);

  const { user, sessionId, refreshToken, amr } = await inTransaction(request.ctx.pool, async (db) => {
    // Serialise signups of one address so two racing requests cannot both pass the check.
    await db.query("select pg_advisory_xact_lock(hashtext('auth.signup:' || $1::text))", [email]);
    if (await findUserByEmail(db, email))
      throw new AuthApiError(422, "user_already_exists", "User already registered");
    const created = await insertEmailUser(db, { email, passwordHash, userMetadata });
    const session = await createSession(db, created, "password", request.client);
    const signedIn = (await findUserById(db, created.id)) ?? created;
    return { user: signedIn, ...session, amr: await sessionAmr(db, session.sessionId) };
  });
  sendJson(
    request.res,
    200,
    await tokenResponse(request.ctx, { issuer: request.issuer, user, sessionId, amr, refreshToken }),
  );
}
