import { randomUUID } from "node:crypto";
import { inTransaction } from "./db";
import { AuthApiError, validationFailed } from "./errors";
import { signIn } from "./grant";
import { sendJson } from "./http";
import { overRequestRateLimit } from "./rate-limit";
import type { AuthRequest } from "./request";
import { type Db, findUserById } from "./users";

/**
 * signInAnonymously() (POST /signup with neither email nor phone): a user with no address,
 * `is_anonymous`, signed in with `amr` `anonymous`. Off by default, as on a new project.
 */
export async function signUpAnonymously(request: AuthRequest, body: Record<string, unknown>) {
  if (!request.ctx.config.auth.anonymousUsersEnabled) {
    throw new AuthApiError(422, "anonymous_provider_disabled", "Anonymous sign-ins are disabled");
  }
  if (!request.options.anonymousLimiter.allow([`anonymous:${request.client.ip}`]))
    throw overRequestRateLimit();
  const data = body.data ?? {};
  if (typeof data !== "object" || data === null || Array.isArray(data))
    throw validationFailed("data must be an object");
  const token = await inTransaction(request.ctx.pool, async (db) => {
    const id = randomUUID();
    await db.query(
      `insert into auth.users (instance_id, id, aud, role, raw_app_meta_data, raw_user_meta_data, is_anonymous,
         created_at, updated_at)
       values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', '{}', $2, true, now(), now())`,
      [id, data],
    );
    const user = await findUserById(db, id);
    if (!user) throw new Error("anonymous user vanished right after insert");
    return signIn(request, db, user, "anonymous");
  });
  sendJson(request.res, 200, token);
}

/** GoTrue refuses a password for an anonymous user unless an address comes with it. */
export function assertAnonymousPasswordAllowed(isAnonymous: boolean, body: Record<string, unknown>) {
  const password = typeof body.password === "string" && body.password !== "";
  if (isAnonymous && password && !body.email && !body.phone) {
    throw new AuthApiError(
      422,
      "validation_failed",
      "Updating password of an anonymous user without an email or phone is not allowed",
    );
  }
}

/**
 * An anonymous user whose new email is confirmed becomes a permanent one: an `email` identity,
 * `email` as provider in app_metadata, `is_anonymous` false (GoTrue's emailChangeVerify).
 */
export async function makePermanent(db: Db, userId: string, email: string) {
  const { rowCount } = await db.query(
    `update auth.users set is_anonymous = false,
       raw_app_meta_data = raw_app_meta_data || '{"provider": "email", "providers": ["email"]}', updated_at = now()
     where id = $1 and is_anonymous`,
    [userId],
  );
  if (!rowCount) return;
  const identityData = { sub: userId, email, email_verified: true, phone_verified: false };
  await db.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values ($1::text, $1::uuid, $2, 'email', now(), now(), now())
     on conflict (provider_id, provider) do nothing`,
    [userId, identityData],
  );
}
