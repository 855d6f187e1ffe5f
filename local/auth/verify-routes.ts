import { inTransaction } from "./db";
import { requestRedirect } from "./email-flows";
import { AuthApiError, validationFailed } from "./errors";
import { errorRedirectUrl, redirect, sessionRedirectUrl, signIn } from "./grant";
import { readJsonBody, sendJson } from "./http";
import { issueAuthCode } from "./pkce";
import { overRequestRateLimit } from "./rate-limit";
import type { AuthRequest } from "./request";
import { normalizeEmail } from "./users";
import { applyVerifiedToken, flowMethodOf, SINGLE_CONFIRMATION_MESSAGE } from "./verify-actions";
import {
  codeExpired,
  userByEmailAndCode,
  userByTokenHash,
  VERIFY_TYPES,
  type VerifyType,
} from "./verify-token";

const PHONE_TYPES = ["sms", "phone_change"];
const E164 = /^[1-9][0-9]{1,14}$/;

function verifyType(value: unknown): VerifyType {
  if (typeof value !== "string" || !value) throw validationFailed("Verify requires a verification type");
  if (PHONE_TYPES.includes(value)) throw codeExpired();
  if (!VERIFY_TYPES.includes(value as VerifyType)) throw validationFailed("Unsupported verification type");
  return value as VerifyType;
}

/** GoTrue's validatePhone: digits in E.164 once `+` and spaces are dropped. */
function assertPhoneFormat(phone: string) {
  if (!E164.test(phone.replace(/[+\s]/g, ""))) {
    throw validationFailed("Invalid phone number format (E.164 required)");
  }
}

/** GoTrue's limit on /verify (RATE_LIMIT_VERIFY per client IP), and the same per address. */
function countAttempt(request: AuthRequest, email = "") {
  const keys = [`verify-ip:${request.client.ip}`];
  if (email) keys.push(`verify-email:${email}`);
  if (!request.options.verifyLimiter.allow(keys)) throw overRequestRateLimit();
}

/** POST /verify (verifyOtp): token_hash + type, or email + token + type → a session. */
async function verifyPost(request: AuthRequest) {
  const body = await readJsonBody(request.req);
  const token = typeof body.token === "string" ? body.token : "";
  const hash = typeof body.token_hash === "string" ? body.token_hash : "";
  const phone = typeof body.phone === "string" ? body.phone : "";
  const email = typeof body.email === "string" && body.email ? normalizeEmail(body.email) : "";
  countAttempt(request, email);
  if (typeof body.type !== "string" || !body.type)
    throw validationFailed("Verify requires a verification type");
  if (!token === !hash) throw validationFailed("Verify requires either a token or a token hash");
  if (token && phone && !email) {
    assertPhoneFormat(phone);
    // No user has a phone here, so a phone code never matches (what GoTrue answers for a wrong one).
    throw codeExpired();
  }
  if (token && (!email || phone)) {
    throw validationFailed("Only an email address or phone number should be provided on verify");
  }
  if (!token && (body.email || body.phone)) {
    throw validationFailed("Only the token_hash and type should be provided");
  }
  if (!token && PHONE_TYPES.includes(body.type)) throw validationFailed("Invalid email verification type");
  const type = verifyType(body.type);
  const settings = request.ctx.config.auth;
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
  countAttempt(request);
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
