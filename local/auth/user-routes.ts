import { assertAnonymousPasswordAllowed, makePermanent } from "./anonymous";
import { assertAal2ForCredentialChange } from "./assurance";
import { inTransaction } from "./db";
import { requestRedirect, sendEmailChange } from "./email-flows";
import { AuthApiError, validationFailed } from "./errors";
import { readJsonBody, sendJson, sendNoContent } from "./http";
import { assertPasswordAcceptable, hashPassword, passwordMatches } from "./passwords";
import { pkceParams, startUserFlow } from "./pkce";
import { assertReauthenticated } from "./reauthenticate";
import { type AuthRequest, requireUser } from "./request";
import { type LogoutScope, logout } from "./sessions";
import { type Db, findUserByEmail, findUserById, normalizeEmail, type User, userJson } from "./users";

/** GET /user: the bare user object of the bearer token's user. */
export async function handleGetUser(request: AuthRequest) {
  const { user } = await requireUser(request);
  sendJson(request.res, 200, userJson(user));
}

export function optionalObject(value: unknown, name: string): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value)) throw validationFailed(`${name} must be an object`);
  return value as Record<string, unknown>;
}

/** The new address of an email change, or null when it is the current one; 422 email_exists when taken. */
async function newEmailOf(db: Db, user: User, value: unknown): Promise<string | null> {
  const email = normalizeEmail(value);
  if (email === user.email?.toLowerCase()) return null;
  const owner = await findUserByEmail(db, email);
  if (owner && owner.id !== user.id) {
    throw new AuthApiError(422, "email_exists", "A user with this email address has already been registered");
  }
  return email;
}

/** Applies an email change at once, confirmed (the admin API, or mailer autoconfirm). */
export async function changeEmail(db: Db, user: User, value: unknown) {
  const email = await newEmailOf(db, user, value);
  if (!email) return;
  await db.query(
    "update auth.users set email = $2, email_confirmed_at = now(), updated_at = now() where id = $1",
    [user.id, email],
  );
  await db.query(
    `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text), updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [user.id, email],
  );
  await makePermanent(db, user.id, email);
}

/** PUT /user: `data` (merged into user_metadata, null removes a key), `email`, `password`. */
export async function handleUpdateUser(request: AuthRequest) {
  const { user, sessionId } = await requireUser(request);
  const body = await readJsonBody(request.req);
  if (body.app_metadata !== undefined && body.app_metadata !== null) {
    throw new AuthApiError(403, "not_admin", "Updating app_metadata requires admin privileges");
  }
  const data = optionalObject(body.data, "data");
  assertAnonymousPasswordAllowed(user.is_anonymous, body);
  const password = typeof body.password === "string" && body.password !== "" ? body.password : null;
  if (password) assertPasswordAcceptable(password);
  const changesEmail =
    typeof body.email === "string" && body.email.trim().toLowerCase() !== (user.email ?? "").toLowerCase();
  if (password || (body.email && changesEmail)) {
    await assertAal2ForCredentialChange(request.ctx.pool, user.id, sessionId);
  }
  const passwordHash = password ? await hashPassword(password) : null;

  const settings = request.ctx.config.auth;
  const pkce = pkceParams(body);
  const redirectTo = requestRedirect(request, body);
  const updated = await inTransaction(request.ctx.pool, async (db) => {
    const current = (await findUserById(db, user.id, true)) ?? user;
    if (password && passwordHash) {
      await assertReauthenticated(
        db,
        settings,
        current,
        sessionId,
        typeof body.nonce === "string" ? body.nonce : "",
      );
      if (await passwordMatches(request.ctx.pool, current.encrypted_password, password)) {
        throw new AuthApiError(
          422,
          "same_password",
          "New password should be different from the old password.",
        );
      }
      await db.query("update auth.users set encrypted_password = $2, updated_at = now() where id = $1", [
        user.id,
        passwordHash,
      ]);
      // A new password signs out every other session (GoTrue's UpdatePassword).
      await logout(db, user.id, sessionId, "others");
    }
    if (typeof body.email === "string" && body.email !== "") {
      if (settings.mailerAutoconfirm) await changeEmail(db, current, body.email);
      else {
        // Pending until confirmed from the new address (and the current one, with secure email change).
        const email = await newEmailOf(db, current, body.email);
        if (email) {
          const flow = await startUserFlow(db, pkce, user.id, "email_change");
          await sendEmailChange(request, db, current, email, { flow, redirectTo });
        }
      }
    }
    if (data) {
      const removed = Object.keys(data).filter((key) => data[key] === null);
      await db.query(
        "update auth.users set raw_user_meta_data = (raw_user_meta_data || $2::jsonb) - $3::text[], updated_at = now() where id = $1",
        [user.id, JSON.stringify(data), removed],
      );
    }
    return (await findUserById(db, user.id)) ?? current;
  });
  sendJson(request.res, 200, userJson(updated));
}

const SCOPES: readonly LogoutScope[] = ["global", "local", "others"];

/** POST /logout?scope=global|local|others → 204. */
export async function handleLogout(request: AuthRequest) {
  const scope = request.query.get("scope") ?? "global";
  if (!SCOPES.includes(scope as LogoutScope)) throw validationFailed(`Unsupported logout scope "${scope}"`);
  const { user, sessionId } = await requireUser(request);
  await logout(request.ctx.pool, user.id, sessionId, scope as LogoutScope);
  sendNoContent(request.res);
}
