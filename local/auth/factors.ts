import { randomUUID } from "node:crypto";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { AuthApiError } from "./errors";
import { type Db, goTime } from "./users";

/** GoTrue's MFA defaults: 10 factors per user, a challenge lives 5 minutes. */
export const MAX_FACTORS = 10;
export const CHALLENGE_TTL_SECONDS = 300;

export type FactorRow = {
  id: string;
  user_id: string;
  friendly_name: string | null;
  factor_type: string;
  status: "verified" | "unverified";
  created_at: Date;
  updated_at: Date;
  secret: string | null;
  last_challenged_at: Date | null;
  /** bigint: pg hands it over as a string. */
  last_totp_step: string | null;
};

export async function listFactors(db: Db, userId: string): Promise<FactorRow[]> {
  const { rows } = await db.query<FactorRow>(
    "select * from auth.mfa_factors where user_id = $1 order by created_at",
    [userId],
  );
  return rows;
}

/** A factor in the user JSON (models.Factor), never its secret. */
export function factorJson(factor: FactorRow) {
  return {
    id: factor.id,
    friendly_name: factor.friendly_name ?? "",
    factor_type: factor.factor_type,
    status: factor.status,
    created_at: goTime(factor.created_at),
    updated_at: goTime(factor.updated_at),
    ...(factor.last_challenged_at ? { last_challenged_at: goTime(factor.last_challenged_at) } : {}),
  };
}

export const factorNotFound = () => new AuthApiError(404, "mfa_factor_not_found", "Factor not found");

/** The user's own factor (404 mfa_factor_not_found for anyone else's; GoTrue's loadFactor). */
export async function findOwnFactor(db: Db, userId: string, factorId: string): Promise<FactorRow> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(factorId)) {
    throw new AuthApiError(404, "validation_failed", "factor_id must be an UUID");
  }
  const { rows } = await db.query<FactorRow>(
    "select * from auth.mfa_factors where id = $1 and user_id = $2 for update",
    [factorId, userId],
  );
  const factor = rows[0];
  if (!factor) throw factorNotFound();
  return factor;
}

/** Deletes a factor; the sessions it raised to aal2 fall back to aal1 (GoTrue's DowngradeSessionsToAAL1). */
export async function removeFactor(db: Db, factorId: string) {
  await db.query("update auth.sessions set aal = 'aal1', factor_id = null where factor_id = $1", [factorId]);
  await db.query("delete from auth.mfa_factors where id = $1", [factorId]);
}

function totpOf(secret: string, issuer: string, account: string) {
  return new OTPAuth.TOTP({
    issuer,
    label: account,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** A new TOTP factor: its secret, otpauth:// URI and the URI as an SVG QR code (as GoTrue returns it). */
export async function newTotpFactor(
  db: Db,
  input: { userId: string; friendlyName: string; issuer: string; account: string },
) {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const uri = totpOf(secret, input.issuer, input.account).toString();
  const qrCode = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "H" });
  const id = randomUUID();
  await db.query(
    `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
     values ($1, $2, $3, 'totp', 'unverified', now(), now(), $4)`,
    [id, input.userId, input.friendlyName, secret],
  );
  return { id, secret, uri, qrCode };
}

const TOTP_PERIOD_MS = 30_000;

/**
 * The time step of a six-digit code valid now for the factor's secret (one 30-second step of
 * drift either way), or null. A step at or before the last one the factor accepted is refused,
 * so a code seen once (over a shoulder, in a log) cannot open a new challenge.
 */
export function acceptedTotpStep(factor: FactorRow, code: string, now = Date.now()): number | null {
  if (!factor.secret || !/^\d{6}$/.test(code)) return null;
  const delta = totpOf(factor.secret, "", "").validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return null;
  const step = Math.floor(now / TOTP_PERIOD_MS) + delta;
  if (factor.last_totp_step !== null && step <= Number(factor.last_totp_step)) return null;
  return step;
}
