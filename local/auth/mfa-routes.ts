import { randomUUID } from "node:crypto";
import { inTransaction } from "./db";
import { AuthApiError, validationFailed } from "./errors";
import {
  acceptedTotpStep,
  CHALLENGE_TTL_SECONDS,
  findOwnFactor,
  listFactors,
  MAX_FACTORS,
  newTotpFactor,
  removeFactor,
} from "./factors";
import { readJsonBody, sendJson } from "./http";
import {
  assertWebAuthnVerifyEnabled,
  newWebAuthnFactor,
  verifyWebAuthnFactor,
  webAuthnChallenge,
  webAuthnParams,
} from "./mfa-webauthn";
import { overRequestRateLimit } from "./rate-limit";
import { type AuthRequest, requireSignedUpUser } from "./request";
import { sessionTokenResponse } from "./session-token";
import { upgradeSessionToAal2 } from "./sessions";
import type { CeremonySession } from "./webauthn";

async function sessionAal(request: AuthRequest, sessionId: string | null): Promise<string> {
  const { rows } = await request.ctx.pool.query<{ aal: string | null }>(
    "select aal from auth.sessions where id = $1",
    [sessionId],
  );
  return rows[0]?.aal ?? "aal1";
}

/** POST /factors {factor_type: "totp", friendly_name?, issuer?}: an unverified TOTP factor. */
async function enroll(request: AuthRequest) {
  const { user, sessionId } = await requireSignedUpUser(request);
  const body = await readJsonBody(request.req);
  const type = body.factor_type;
  const settings = request.ctx.config.auth;
  if (type === "phone")
    throw new AuthApiError(422, "mfa_phone_enroll_not_enabled", "MFA enroll is disabled for Phone");
  if (type === "webauthn" && !settings.mfaWebAuthnEnrollEnabled)
    throw new AuthApiError(422, "mfa_webauthn_enroll_not_enabled", "MFA enroll is disabled for WebAuthn");
  if (type !== "totp" && type !== "webauthn")
    throw validationFailed("factor_type needs to be totp, phone, or webauthn");
  const friendlyName = typeof body.friendly_name === "string" ? body.friendly_name : "";
  const issuer =
    typeof body.issuer === "string" && body.issuer
      ? body.issuer
      : new URL(request.ctx.config.auth.siteUrl).host;
  const aal = await sessionAal(request, sessionId);
  const created = await inTransaction(request.ctx.pool, async (db) => {
    const factors = await listFactors(db, user.id);
    if (friendlyName && factors.some((factor) => factor.friendly_name === friendlyName)) {
      throw new AuthApiError(
        422,
        "mfa_factor_name_conflict",
        `A factor with the friendly name "${friendlyName}" for this user already exists`,
      );
    }
    if (factors.length >= MAX_FACTORS) {
      throw new AuthApiError(
        422,
        "too_many_enrolled_mfa_factors",
        "Maximum number of verified factors reached, unenroll to continue",
      );
    }
    if (factors.some((factor) => factor.status === "verified") && aal !== "aal2") {
      throw new AuthApiError(403, "insufficient_aal", "AAL2 required to enroll a new factor");
    }
    if (type === "webauthn") return newWebAuthnFactor(db, user.id, friendlyName);
    return newTotpFactor(db, { userId: user.id, friendlyName, issuer, account: user.email ?? "" });
  });
  if (!("qrCode" in created)) return sendJson(request.res, 200, created);
  sendJson(request.res, 200, {
    id: created.id,
    type: "totp",
    friendly_name: friendlyName,
    totp: { qr_code: created.qrCode, secret: created.secret, uri: created.uri },
  });
}

/** POST /factors/:id/challenge → {id, type, expires_at}. */
async function challenge(request: AuthRequest, factorId: string) {
  const { user } = await requireSignedUpUser(request);
  const id = randomUUID();
  const settings = request.ctx.config.auth;
  const response = await inTransaction(request.ctx.pool, async (db) => {
    const factor = await findOwnFactor(db, user.id, factorId);
    if (factor.factor_type === "webauthn") assertWebAuthnVerifyEnabled(settings, "challenge");
    const ceremony =
      factor.factor_type === "webauthn" ? await webAuthnChallenge(db, settings, user, factor) : null;
    const { rows } = await db.query<{ created_at: Date }>(
      `insert into auth.mfa_challenges (id, factor_id, created_at, ip_address, web_authn_session_data)
       values ($1, $2, now(), $3, $4) returning created_at`,
      [id, factorId, request.client.ip, ceremony?.session ?? null],
    );
    await db.query("update auth.mfa_factors set last_challenged_at = now() where id = $1", [factorId]);
    const expiresAt =
      Math.floor((rows[0]?.created_at ?? new Date()).getTime() / 1000) + CHALLENGE_TTL_SECONDS;
    return {
      id,
      type: factor.factor_type,
      expires_at: expiresAt,
      ...(ceremony ? { webauthn: ceremony.webauthn } : {}),
    };
  });
  sendJson(request.res, 200, response);
}

type ChallengeRow = {
  id: string;
  created_at: Date;
  verified_at: Date | null;
  ip_address: string | null;
  web_authn_session_data: CeremonySession | null;
};

/** POST /factors/:id/verify {challenge_id, code}: a right code verifies the factor and lifts the session to aal2. */
async function verify(request: AuthRequest, factorId: string) {
  const { user, sessionId } = await requireSignedUpUser(request);
  const body = await readJsonBody(request.req);
  const code = typeof body.code === "string" ? body.code.trim() : "";
  const challengeId = typeof body.challenge_id === "string" ? body.challenge_id : "";
  const settings = request.ctx.config.auth;
  const response = await inTransaction(request.ctx.pool, async (db) => {
    const factor = await findOwnFactor(db, user.id, factorId);
    const isWebAuthn = factor.factor_type === "webauthn";
    if (isWebAuthn) assertWebAuthnVerifyEnabled(settings, "verify");
    const ceremony = isWebAuthn ? webAuthnParams(body.webauthn) : null;
    const { rows } = /^[0-9a-f-]{36}$/i.test(challengeId)
      ? await db.query<ChallengeRow>(
          "select id, created_at, verified_at, host(ip_address) as ip_address, web_authn_session_data from auth.mfa_challenges where id = $1 and factor_id = $2 for update",
          [challengeId, factorId],
        )
      : { rows: [] as ChallengeRow[] };
    const found = rows[0];
    if (!found || found.verified_at) {
      throw new AuthApiError(
        422,
        "mfa_factor_not_found",
        "MFA factor with the provided challenge ID not found",
      );
    }
    if (
      found.ip_address &&
      request.client.ip &&
      found.ip_address !== request.client.ip.replace(/^::ffff:/, "")
    ) {
      throw new AuthApiError(422, "mfa_ip_address_mismatch", "Challenge and verify IP addresses mismatch.");
    }
    if (Date.now() > found.created_at.getTime() + CHALLENGE_TTL_SECONDS * 1000) {
      await db.query("delete from auth.mfa_challenges where id = $1", [found.id]);
      throw new AuthApiError(
        422,
        "mfa_challenge_expired",
        `MFA challenge ${found.id} has expired, verify against another challenge or create a new challenge.`,
      );
    }
    if (ceremony && found.web_authn_session_data) {
      await verifyWebAuthnFactor(db, settings, factor, found.web_authn_session_data, ceremony);
    } else {
      const step = ceremony ? null : acceptedTotpStep(factor, code);
      if (step === null) throw new AuthApiError(422, "mfa_verification_failed", "Invalid TOTP code entered");
      await db.query("update auth.mfa_factors set last_totp_step = $2 where id = $1", [factor.id, step]);
    }
    await db.query("update auth.mfa_challenges set verified_at = now() where id = $1", [found.id]);
    if (factor.status !== "verified") {
      await db.query("update auth.mfa_factors set status = 'verified', updated_at = now() where id = $1", [
        factor.id,
      ]);
      await db.query(
        "delete from auth.mfa_factors where user_id = $1 and status = 'unverified' and id <> $2 and factor_type = $3",
        [user.id, factor.id, factor.factor_type],
      );
    }
    if (!sessionId)
      throw new AuthApiError(500, "unexpected_failure", "A valid session is required to verify a factor");
    await upgradeSessionToAal2(db, sessionId, factor.id, isWebAuthn ? "mfa/webauthn" : "totp");
    return sessionTokenResponse(request, db, user.id, sessionId);
  });
  sendJson(request.res, 200, response);
}

/** DELETE /factors/:id: a verified factor only from an aal2 session; its sessions fall back to aal1. */
async function unenroll(request: AuthRequest, factorId: string) {
  const { user, sessionId } = await requireSignedUpUser(request);
  const aal = await sessionAal(request, sessionId);
  await inTransaction(request.ctx.pool, async (db) => {
    const factor = await findOwnFactor(db, user.id, factorId);
    if (factor.status === "verified" && aal !== "aal2") {
      throw new AuthApiError(422, "insufficient_aal", "AAL2 required to unenroll verified factor");
    }
    await removeFactor(db, factor.id);
  });
  sendJson(request.res, 200, { id: factorId });
}

/** The /factors routes; challenge and verify count against the MFA rate limit per client IP. */
export async function handleFactors(request: AuthRequest): Promise<boolean> {
  const match = /^\/factors(?:\/([^/]+)(?:\/(challenge|verify))?)?$/.exec(request.path);
  if (!match) return false;
  const [, id, action] = match;
  const method = request.req.method;
  if (!id && method === "POST") await enroll(request);
  else if (id && action && method === "POST") {
    if (!request.options.mfaLimiter.allow([`mfa:${request.client.ip}`])) throw overRequestRateLimit();
    await (action === "challenge" ? challenge(request, id) : verify(request, id));
  } else if (id && !action && method === "DELETE") await unenroll(request, id);
  else return false;
  return true;
}
