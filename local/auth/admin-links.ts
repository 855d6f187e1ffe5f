import { randomBytes } from "node:crypto";
import { requireSecretKey } from "./admin-routes";
import { inTransaction } from "./db";
import { requestRedirect, sendTokenEmail } from "./email-flows";
import { generateOtp, tokenHash } from "./email-tokens";
import { AuthApiError, validationFailed } from "./errors";
import { readJsonBody, sendJson } from "./http";
import { hashPassword } from "./passwords";
import type { AuthRequest } from "./request";
import {
  type Db,
  findUserByEmail,
  findUserById,
  insertEmailUser,
  normalizeEmail,
  type User,
  userJson,
} from "./users";

const emailExists = () =>
  new AuthApiError(422, "email_exists", "A user with this email address has already been registered");

function metadata(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** An unconfirmed user for an invite or a generated sign-up link (taken when unconfirmed; 422 when confirmed). */
async function pendingUser(
  db: Db,
  email: string,
  data: Record<string, unknown>,
  password: string | null,
): Promise<User> {
  const existing = await findUserByEmail(db, email);
  if (existing?.email_confirmed_at) throw emailExists();
  if (existing) return existing;
  const passwordHash = password ? await hashPassword(password) : null;
  return insertEmailUser(db, { email, passwordHash, userMetadata: data, confirmed: false });
}

/** POST /invite (secret key): creates the user if needed and emails an invite link. */
export async function handleInvite(request: AuthRequest) {
  requireSecretKey(request);
  const body = await readJsonBody(request.req);
  const email = normalizeEmail(body.email);
  const redirectTo = requestRedirect(request, body);
  const user = await inTransaction(request.ctx.pool, async (db) => {
    const invited = await pendingUser(db, email, metadata(body.data), null);
    await sendTokenEmail(request, db, invited, "invite", { redirectTo });
    return (await findUserById(db, invited.id)) ?? invited;
  });
  sendJson(request.res, 200, userJson(user));
}

const TOKEN_COLUMNS: Record<string, [string, string]> = {
  signup: ["confirmation_token", "confirmation_sent_at"],
  invite: ["confirmation_token", "confirmation_sent_at"],
  magiclink: ["recovery_token", "recovery_sent_at"],
  recovery: ["recovery_token", "recovery_sent_at"],
  email_change_current: ["email_change_token_current", "email_change_sent_at"],
  email_change_new: ["email_change_token_new", "email_change_sent_at"],
};

/**
 * POST /admin/generate_link (secret key): the link and code an email would carry, without
 * sending it (GoTrue's adminGenerateLink). The link is GoTrue's own /verify URL.
 */
export async function handleGenerateLink(request: AuthRequest) {
  requireSecretKey(request);
  const body = await readJsonBody(request.req);
  let type = typeof body.type === "string" ? body.type : "";
  const email = normalizeEmail(body.email);
  const redirectTo = requestRedirect(request, body);
  const settings = request.ctx.config.auth;
  if (!TOKEN_COLUMNS[type]) throw validationFailed(`Invalid email action link type requested: ${type}`);
  const otp = generateOtp();
  const user = await inTransaction(request.ctx.pool, async (db) => {
    let user = await findUserByEmail(db, email);
    if (!user && type === "magiclink") type = "signup";
    if (!user && ["recovery", "email_change_current", "email_change_new"].includes(type)) {
      throw new AuthApiError(404, "user_not_found", "User with this email not found");
    }
    if (type === "signup" || type === "invite") {
      const password =
        typeof body.password === "string" && body.password
          ? body.password
          : randomBytes(32).toString("base64url");
      user = await pendingUser(db, email, metadata(body.data), type === "signup" ? password : null);
    }
    if (!user) throw new AuthApiError(404, "user_not_found", "User with this email not found");
    let address = email;
    if (type.startsWith("email_change")) {
      if (type === "email_change_current" && !settings.secureEmailChange) {
        throw validationFailed("Enable secure email change to generate link for current email");
      }
      const newEmail = normalizeEmail(body.new_email);
      const owner = await findUserByEmail(db, newEmail);
      if (owner && owner.id !== user.id) throw emailExists();
      await db.query(
        "update auth.users set email_change = $2, email_change_confirm_status = 0 where id = $1",
        [user.id, newEmail],
      );
      if (type === "email_change_new") address = newEmail;
    }
    const [token, sentAt] = TOKEN_COLUMNS[type] as [string, string];
    const invited = type === "invite" ? ", invited_at = now()" : "";
    await db.query(`update auth.users set ${token} = $2, ${sentAt} = now()${invited} where id = $1`, [
      user.id,
      tokenHash(address, otp),
    ]);
    return (await findUserById(db, user.id)) ?? user;
  });
  const hashed = tokenHash(type === "email_change_new" ? (user.email_change ?? email) : email, otp);
  const verificationType = type.startsWith("email_change") ? "email_change" : type;
  const link = new URL(`${request.issuer}/verify`);
  link.searchParams.set("token", hashed);
  link.searchParams.set("type", verificationType);
  link.searchParams.set("redirect_to", redirectTo);
  sendJson(request.res, 200, {
    ...userJson(user),
    action_link: link.href,
    email_otp: otp,
    hashed_token: hashed,
    verification_type: type,
    redirect_to: redirectTo,
  });
}
