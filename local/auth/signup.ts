import { randomUUID } from "node:crypto";
import { signUpAnonymously } from "./anonymous";
import { inTransaction } from "./db";
import { requestRedirect, sendTokenEmail } from "./email-flows";
import { AuthApiError, badRequest, validationFailed } from "./errors";
import { readJsonBody, sendJson } from "./http";
import { assertPasswordAcceptable, hashPassword } from "./passwords";
import { pkceParams, startUserFlow } from "./pkce";
import type { AuthRequest } from "./request";
import { createSession, sessionAmr } from "./sessions";
import { providerEnabled } from "./settings";
import { tokenResponse } from "./tokens";
import {
  findUserByEmail,
  findUserById,
  goTime,
  insertEmailUser,
  normalizeEmail,
  type User,
  userJson,
} from "./users";
import { confirmEmail } from "./verify-actions";

function metadataObject(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw validationFailed("data must be an object");
  return value as Record<string, unknown>;
}

/** What GoTrue answers for an address that already has a confirmed user, so sign-up reveals nothing. */
function obfuscatedUser(email: string, userMetadata: Record<string, unknown>) {
  const now = goTime(new Date());
  return {
    id: randomUUID(),
    aud: "authenticated",
    role: "authenticated",
    email,
    phone: "",
    confirmation_sent_at: now,
    app_metadata: { provider: "email", providers: ["email"] },
    user_metadata: userMetadata,
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  };
}

/**
 * POST /signup. With autoconfirm on the new user is signed in at once; with it off (a new
 * Supabase project's default) a confirmation email goes out and the bare user comes back.
 */
export async function handleSignup(request: AuthRequest) {
  const body = await readJsonBody(request.req);
  const settings = request.ctx.config.auth;
  const password = typeof body.password === "string" ? body.password : "";
  if (!body.email && !body.phone) return signUpAnonymously(request, body);
  if (!password) throw validationFailed("Signup requires a valid password");
  assertPasswordAcceptable(password);
  const hasEmail = typeof body.email === "string" && body.email !== "";
  const hasPhone = typeof body.phone === "string" && body.phone !== "";
  if (hasEmail && hasPhone) {
    throw validationFailed("Only an email address or phone number should be provided on signup.");
  }
  if (hasPhone) throw badRequest("phone_provider_disabled", "Phone signups are disabled");
  if (!providerEnabled(settings, "email"))
    throw badRequest("email_provider_disabled", "Email signups are disabled");
  const email = normalizeEmail(body.email);
  const userMetadata = metadataObject(body.data);
  const pkce = pkceParams(body);
  const redirectTo = requestRedirect(request, body);
  const passwordHash = await hashPassword(password);

  const outcome = await inTransaction(request.ctx.pool, async (db) => {
    // Serialise signups of one address so two racing requests cannot both pass the check.
    await db.query("select pg_advisory_xact_lock(hashtext('auth.signup:' || $1::text))", [email]);
    const existing = await findUserByEmail(db, email);
    if (existing?.email_confirmed_at) {
      if (settings.mailerAutoconfirm)
        throw new AuthApiError(422, "user_already_exists", "User already registered");
      return { kind: "obfuscated" as const };
    }
    let user: User;
    if (existing) {
      await db.query(
        "update auth.users set encrypted_password = $2, raw_user_meta_data = raw_user_meta_data || $3, updated_at = now() where id = $1",
        [existing.id, passwordHash, userMetadata],
      );
      if (settings.mailerAutoconfirm) await confirmEmail(db, existing);
      user = (await findUserById(db, existing.id)) ?? existing;
    } else {
      user = await insertEmailUser(db, {
        email,
        passwordHash,
        userMetadata,
        confirmed: settings.mailerAutoconfirm,
      });
    }
    if (settings.mailerAutoconfirm) {
      const session = await createSession(db, user, "password", request.client);
      const signedIn = (await findUserById(db, user.id)) ?? user;
      return {
        kind: "session" as const,
        user: signedIn,
        ...session,
        amr: await sessionAmr(db, session.sessionId),
      };
    }
    const flow = await startUserFlow(db, pkce, user.id, "email/signup");
    await sendTokenEmail(request, db, user, "signup", { flow, redirectTo });
    return { kind: "user" as const, user: (await findUserById(db, user.id)) ?? user };
  });
  if (outcome.kind === "obfuscated") return sendJson(request.res, 200, obfuscatedUser(email, userMetadata));
  if (outcome.kind === "user") return sendJson(request.res, 200, userJson(outcome.user));
  const { user, sessionId, amr, refreshToken } = outcome;
  sendJson(
    request.res,
    200,
    await tokenResponse(request.ctx, { issuer: request.issuer, user, sessionId, amr, refreshToken }),
  );
}
