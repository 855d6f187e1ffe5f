import { inTransaction } from "./db";
import { requestRedirect } from "./email-flows";
import { AuthApiError, validationFailed } from "./errors";
import { errorRedirectUrl, redirect, sessionRedirectUrl, signIn } from "./grant";
import { readJsonBody, sendJson } from "./http";
import { issueAuthCode } from "./pkce";
import type { AuthRequest } from "./request";
import { normalizeEmail } from "./users";
import { applyVerifiedToken, flowMethodOf, SINGLE_CONFIRMATION_MESSAGE } from "./verify-actions";
import { userByEmailAndCode, userByTokenHash, VERIFY_TYPES, type VerifyType } from "./verify-token";

function verifyType(value: unknown): VerifyType {
  if (typeof value !== "string" || !value) throw validationFailed("Verify requires a verification type");
  if (value === "sms" || value === "phone_change") {
    throw new AuthApiError(400, "phone_provider_disabled", "Unsupported phone provider");
  }
  if (!VERIFY_TYPES.includes(value as VerifyType)) throw validationFailed("Unsupported verification type");
  return value as VerifyType;
}

/** POST /verify (verifyOtp): token_hash + type, or email + token + type → a session. */
async function verifyPost(request: AuthRequest) {
  const body = await readJsonBody(request.req);
  const type = verifyType(body.type);
  const token = typeof body.token === "string" ? body.token : "";
  const hash = typeof body.token_hash === "string" ? body.token_hash : "";
  if (!token === !hash) throw validationFailed("Verify requires either a token or a token hash");
  const settings = request.ctx.config.auth;
  let email = "";
  if (token) {
    if (typeof body.phone === "string" && body.phone)
      throw new AuthApiError(400, "phone_provider_disabled", "Unsupported phone provider");
    if (typeof body.email !== "string" || !body.email) {
      throw validationFailed("Only an email address or phone number should be provided on verify");
    }
    email = normalizeEmail(body.email);
  } else if (body.email || body.phone) {
    throw validationFailed("Only the token_hash and type should be provided");
  }
  const outcome = await inTransaction(request.ctx.pool, async (db) => {
    const verified = token
      ? await userByEmailAndCode(db, settings, type, email, token)
      : await userByTokenHash(db, settings, type, hash);
    const user = await applyVerifiedToken(db, settings, verified);
    return user ? signIn(request, db, user, "otp") : null;
  });
  if (!outcome) return sendJson(request.res, 200, { msg: SINGLE_CONFIRMATION_MESSAGE, code: "200" });
  sendJson(request.res, 200, outcome);
}

/** GET /verify?token&type&redirect_to: the email link itself (GoTrue's ConfirmationURL) → a redirect. */
async function verifyGet(request: AuthRequest) {
  const type = verifyType(request.query.get("type"));
  const token = request.query.get("token") ?? "";
  if (!token) throw validationFailed("Verify requires a token or a token hash");
  const target = requestRedirect(request);
  const pkce = token.startsWith("pkce_");
  const settings = request.ctx.config.auth;
  let location: string;
  try {
    location = await inTransaction(request.ctx.pool, async (db) => {
      const verified = await userByTokenHash(db, settings, type, token);
      const user = await applyVerifiedToken(db, settings, verified);
      if (!user) {
        const url = new URL(target);
        if (pkce) url.searchParams.set("message", SINGLE_CONFIRMATION_MESSAGE);
        url.hash = new URLSearchParams({ message: SINGLE_CONFIRMATION_MESSAGE, sb: "" }).toString();
        return url.href;
      }
      if (pkce) {
        const url = new URL(target);
        url.searchParams.set("code", await issueAuthCode(db, user.id, flowMethodOf(verified.type)));
        return url.href;
      }
      return sessionRedirectUrl(target, await signIn(request, db, user, "otp"), { type: verified.type });
    });
  } catch (error) {
    if (!(error instanceof AuthApiError)) throw error;
    location = errorRedirectUrl(target, error, pkce);
  }
  redirect(request, 303, location);
}

export function handleVerify(request: AuthRequest) {
  return request.req.method === "GET" ? verifyGet(request) : verifyPost(request);
}
