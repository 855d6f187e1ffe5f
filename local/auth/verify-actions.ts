import { makePermanent } from "./anonymous";
import { clearToken } from "./email-tokens";
import type { AuthSettings } from "./settings";
import { type Db, findUserById, type User } from "./users";
import type { VerifiedToken } from "./verify-token";

/** GoTrue's User.Confirm: the address is confirmed, in the user and in its email identity. */
export async function confirmEmail(db: Db, user: User) {
  await db.query(
    `update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()),
       raw_user_meta_data = raw_user_meta_data || '{"email_verified": true}', updated_at = now() where id = $1`,
    [user.id],
  );
  await db.query(
    `update auth.identities set identity_data = identity_data || '{"email_verified": true}', updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [user.id],
  );
}

async function applyEmailChange(db: Db, user: User) {
  const email = user.email_change ?? "";
  await db.query(
    `update auth.users set email = $2, email_change = '', email_change_token_new = '', email_change_token_current = '',
       email_change_confirm_status = 0, email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
     where id = $1`,
    [user.id, email],
  );
  await db.query(
    `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text, 'email_verified', true),
       updated_at = now() where user_id = $1 and provider = 'email'`,
    [user.id, email],
  );
  await makePermanent(db, user.id, email);
}

/**
 * What a verified token does (GoTrue's signupVerify / recoverVerify / emailChangeVerify).
 * Returns the user to sign in, or null when an email change waits for its other confirmation.
 */
export async function applyVerifiedToken(
  db: Db,
  settings: AuthSettings,
  verified: VerifiedToken,
): Promise<User | null> {
  const { user, slot, type } = verified;
  await clearToken(db, user.id, slot);
  if (type === "email_change") {
    const waitsForOther =
      !settings.mailerAutoconfirm &&
      settings.secureEmailChange &&
      !!user.email &&
      (user.email_change_confirm_status ?? 0) === 0;
    if (waitsForOther) {
      await db.query("update auth.users set email_change_confirm_status = 1 where id = $1", [user.id]);
      return null;
    }
    await applyEmailChange(db, user);
  } else {
    await confirmEmail(db, user);
  }
  return findUserById(db, user.id);
}

/** The flow-state method a verification type signs in with (GoTrue's ParseAuthenticationMethod). */
export function flowMethodOf(type: VerifiedToken["type"]): string {
  return type === "signup" ? "email/signup" : type;
}

export const SINGLE_CONFIRMATION_MESSAGE =
  "Confirmation link accepted. Please proceed to confirm link sent to the other email";
