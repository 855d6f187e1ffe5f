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

/** The user's own factor (404 mfa_factor_not_found for anyone else's). */
export async function findOwnFactor(db: Db, userId: string, factorId: string): Promise<FactorRow> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(factorId);
  const { rows } = uuid
    ? await db.query<FactorRow>("select * from auth.mfa_factors where id = $1 and user_id = $2 for update", [
        factorId,
        userId,
      ])
    : { rows: [] };
  const factor = rows[0];
  if (!factor) throw factorNotFound();
  return factor;
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

/** Whether a six-digit code is valid now for the factor's secret (one 30-second step of drift either way). */
export function totpCodeValid(factor: FactorRow, code: string): boolean {
  if (!factor.secret || !/^\d{6}$/.test(code)) return false;
  return totpOf(factor.secret, "", "").validate({ token: code, window: 1 }) !== null;
}
