import { findUserByToken, type TokenSlot, tokenExpired, tokenHash, tokenOf } from "./email-tokens";
import { AuthApiError } from "./errors";
import type { AuthSettings } from "./settings";
import { type Db, findUserByEmail, findUserById, isBanned, type User } from "./users";

export const VERIFY_TYPES = ["signup", "invite", "recovery", "magiclink", "email_change", "email"] as const;
export type VerifyType = (typeof VERIFY_TYPES)[number];

const SLOTS: Record<VerifyType, TokenSlot[]> = {
  email: ["confirmation", "recovery"],
  signup: ["confirmation"],
  invite: ["confirmation"],
  recovery: ["recovery"],
  magiclink: ["recovery"],
  email_change: ["email_change_new", "email_change_current"],
};

const linkExpired = () => new AuthApiError(403, "otp_expired", "Email link is invalid or has expired");
export const codeExpired = () => new AuthApiError(403, "otp_expired", "Token has expired or is invalid");

export type VerifiedToken = { user: User; slot: TokenSlot; type: Exclude<VerifyType, "email"> };

function resolvedType(type: VerifyType, slot: TokenSlot): Exclude<VerifyType, "email"> {
  if (type !== "email") return type;
  return slot === "confirmation" ? "signup" : "magiclink";
}

function matches(stored: string, hash: string): boolean {
  return !!stored && (stored === hash || stored === `pkce_${hash}`);
}

/** GoTrue's verifyTokenHash: the user whose live token of this type is `hash` (403 otp_expired otherwise). */
export async function userByTokenHash(
  db: Db,
  settings: AuthSettings,
  type: VerifyType,
  hash: string,
): Promise<VerifiedToken> {
  const userId = await findUserByToken(db, SLOTS[type], hash);
  const user = userId ? await findUserById(db, userId, true) : null;
  if (!user) throw linkExpired();
  if (isBanned(user)) throw new AuthApiError(403, "user_banned", "User is banned");
  const slot = SLOTS[type].find((candidate) => matches(tokenOf(user, candidate), hash.replace(/^pkce_/, "")));
  if (!slot || tokenExpired(user, slot, settings)) throw linkExpired();
  return { user, slot, type: resolvedType(type, slot) };
}

/** GoTrue's verifyUserAndToken: the email's user and the six-digit code (403 otp_expired otherwise). */
export async function userByEmailAndCode(
  db: Db,
  settings: AuthSettings,
  type: VerifyType,
  email: string,
  code: string,
): Promise<VerifiedToken> {
  let user = await findUserByEmail(db, email);
  if (type === "email_change") {
    const { rows } = await db.query<{ id: string }>(
      "select id from auth.users where deleted_at is null and (lower(email_change) = $1 or lower(email) = $1) limit 1",
      [email],
    );
    user = rows[0] ? await findUserById(db, rows[0].id) : null;
  }
  if (!user) throw codeExpired();
  user = (await findUserById(db, user.id, true)) ?? user;
  if (isBanned(user)) throw new AuthApiError(403, "user_banned", "User is banned");
  const hash = tokenHash(email, code);
  const slot = SLOTS[type].find(
    (candidate) => matches(tokenOf(user, candidate), hash) && !tokenExpired(user, candidate, settings),
  );
  if (!slot) throw codeExpired();
  return { user, slot, type: resolvedType(type, slot) };
}
