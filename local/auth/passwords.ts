import { hash, verify } from "@node-rs/argon2";
import type pg from "pg";
import { AuthApiError, validationFailed } from "./errors";

/** GoTrue's defaults (GOTRUE_PASSWORD_MIN_LENGTH=6; bcrypt's 72-byte limit is enforced too). */
export const MIN_PASSWORD_LENGTH = 6;
const MAX_PASSWORD_BYTES = 72;

export type WeakPassword = { message: string; reasons: string[] };

/** Why a password fails the strength rules, or null when it passes. */
export function weakPasswordReasons(password: string): WeakPassword | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { message: `Password should be at least ${MIN_PASSWORD_LENGTH} characters.`, reasons: ["length"] };
  }
  return null;
}

/** Throws GoTrue's errors for a password that may not be set (too long → 400, weak → 422). */
export function assertPasswordAcceptable(password: string) {
  if (Buffer.byteLength(password, "utf8") > MAX_PASSWORD_BYTES) {
    throw validationFailed(`Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`);
  }
  const weak = weakPasswordReasons(password);
  if (weak)
    throw new AuthApiError(422, "weak_password", weak.message, { weak_password: { reasons: weak.reasons } });
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * Checks a password against auth.users.encrypted_password: Argon2 hashes (ours) in process,
 * bcrypt hashes (what a real Supabase stores, e.g. from a dump) through pgcrypto's crypt().
 */
export async function passwordMatches(
  pool: pg.Pool,
  encrypted: string | null,
  password: string,
): Promise<boolean> {
  if (!encrypted) return false;
  if (encrypted.startsWith("$argon2")) return verify(encrypted, password).catch(() => false);
  if (/^\$2[abxy]?\$/.test(encrypted)) {
    const { rows } = await pool.query<{ ok: boolean }>("select extensions.crypt($1, $2) = $2 as ok", [
      password,
      encrypted,
    ]);
    return rows[0]?.ok === true;
  }
  return false;
}
