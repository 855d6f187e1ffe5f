import { createHash, randomInt } from "node:crypto";
import { AuthApiError } from "./errors";
import type { AuthSettings } from "./settings";
import type { Db, User } from "./users";

/** GoTrue's flow types: a PKCE flow's tokens carry the `pkce_` prefix. */
export type FlowType = "pkce" | "implicit";

/** Which pair of auth.users columns holds a kind of one-time token. */
export type TokenSlot =
  | "confirmation"
  | "recovery"
  | "email_change_new"
  | "email_change_current"
  | "reauthentication";

const SENT_AT: Record<TokenSlot, string> = {
  confirmation: "confirmation_sent_at",
  recovery: "recovery_sent_at",
  email_change_new: "email_change_sent_at",
  email_change_current: "email_change_sent_at",
  reauthentication: "reauthentication_sent_at",
};

const TOKEN: Record<TokenSlot, string> = {
  confirmation: "confirmation_token",
  recovery: "recovery_token",
  email_change_new: "email_change_token_new",
  email_change_current: "email_change_token_current",
  reauthentication: "reauthentication_token",
};

/** A six-digit one-time code. */
export function generateOtp(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/** GoTrue's GenerateTokenHash: what is stored and what links carry, never the code itself. */
export function tokenHash(emailOrPhone: string, otp: string): string {
  return createHash("sha224")
    .update(emailOrPhone + otp)
    .digest("hex");
}

export function sentAt(user: User, slot: TokenSlot): Date | null {
  return user[SENT_AT[slot] as keyof User] as Date | null;
}

/** SMTP_MAX_FREQUENCY: 429 over_email_send_rate_limit while the last email of this kind is too recent. */
export function assertSendFrequency(user: User, slot: TokenSlot, settings: AuthSettings) {
  const last = sentAt(user, slot);
  if (!last) return;
  const leftMs = last.getTime() + settings.emailMaxFrequency * 1000 - Date.now();
  if (leftMs > 0) {
    throw new AuthApiError(
      429,
      "over_email_send_rate_limit",
      `For security purposes, you can only request this after ${Math.floor(leftMs / 1000)} seconds.`,
    );
  }
}

/**
 * Stores a new one-time token in its slot (replacing any earlier one) and stamps when it was
 * sent; returns the code for the email and the stored hash (with the flow's prefix).
 */
export async function issueToken(
  db: Db,
  user: User,
  slot: TokenSlot,
  address: string,
  flow: FlowType = "implicit",
): Promise<{ otp: string; hash: string }> {
  const otp = generateOtp();
  const hash = (flow === "pkce" ? "pkce_" : "") + tokenHash(address, otp);
  await db.query(`update auth.users set ${TOKEN[slot]} = $2, ${SENT_AT[slot]} = now() where id = $1`, [
    user.id,
    hash,
  ]);
  return { otp, hash };
}

/** Ends a token's life once used. */
export async function clearToken(db: Db, userId: string, slot: TokenSlot) {
  await db.query(`update auth.users set ${TOKEN[slot]} = '' where id = $1`, [userId]);
}

export function tokenOf(user: User, slot: TokenSlot): string {
  return (user[TOKEN[slot] as keyof User] as string | null) ?? "";
}

/** GoTrue's isOtpExpired: the slot's sent_at plus MAILER_OTP_EXP is past (or never sent). */
export function tokenExpired(user: User, slot: TokenSlot, settings: AuthSettings): boolean {
  const last = sentAt(user, slot);
  return !last || Date.now() > last.getTime() + settings.otpExpiry * 1000;
}

/** Finds the live user whose token in one of `slots` equals `hash` (with or without the pkce_ prefix). */
export async function findUserByToken(db: Db, slots: TokenSlot[], hash: string): Promise<string | null> {
  if (!hash) return null;
  const where = slots.map((slot) => `${TOKEN[slot]} in ($1::text, 'pkce_' || $1::text)`).join(" or ");
  const { rows } = await db.query<{ id: string }>(
    `select id from auth.users where deleted_at is null and (${where}) limit 1`,
    [hash],
  );
  return rows[0]?.id ?? null;
}
