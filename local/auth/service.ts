import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LocalStackContext } from "../context";
import type { LocalService } from "../service";
import { handleAdminFactors } from "./admin-factors";
import { handleGenerateLink, handleInvite } from "./admin-links";
import { handleAdminPasskeys } from "./admin-passkeys";
import { handleAdmin } from "./admin-routes";
import { handleDisabledFeature } from "./disabled-features";
import { AuthApiError, OAuthError, sendAuthError } from "./errors";
import { headerValue, sendJson } from "./http";
import { Mailer } from "./mailer";
import { handleHealth, handleJwks, handleSettings } from "./meta-routes";
import { handleFactors } from "./mfa-routes";
import { handleAuthorize, handleCallback } from "./oauth-routes";
import { handleOtp } from "./otp";
import { handlePasskeys } from "./passkey-routes";
import { hashPassword } from "./passwords";
import { RateLimiter } from "./rate-limit";
import { handleReauthenticate } from "./reauthenticate";
import { handleRecover } from "./recover";
import type { AuthOptions, AuthRequest } from "./request";
import { handleResend } from "./resend";
import { ensureAuthSchema } from "./schema";
import { handleSignup } from "./signup";
import { handleToken } from "./token";
import { handleGetUser, handleLogout, handleUpdateUser } from "./user-routes";
import { handleVerify } from "./verify-routes";

const PREFIX = "/auth/v1";

type Handler = (request: AuthRequest) => Promise<void> | void;

const ROUTES: Record<string, Handler> = {
  "POST /signup": handleSignup,
  "POST /token": handleToken,
  "GET /user": handleGetUser,
  "PUT /user": handleUpdateUser,
  "POST /logout": handleLogout,
  "POST /recover": handleRecover,
  "POST /otp": handleOtp,
  "POST /resend": handleResend,
  "GET /verify": handleVerify,
  "POST /verify": handleVerify,
  "GET /reauthenticate": handleReauthenticate,
  "POST /invite": handleInvite,
  "POST /admin/generate_link": handleGenerateLink,
  "GET /authorize": handleAuthorize,
  "GET /callback": handleCallback,
  "GET /.well-known/jwks.json": handleJwks,
  "GET /settings": handleSettings,
  "GET /health": handleHealth,
};

// Like the hosted API gateway: everything needs a project API key except the public key set
// and the routes a browser opens itself (email links, the OAuth round trip).
const OPEN_PATHS = new Set(["/.well-known/jwks.json", "/verify", "/authorize", "/callback"]);

function authOptions(ctx: LocalStackContext): AuthOptions {
  const raw = process.env.TRYLIATE_REFRESH_TOKEN_REUSE_INTERVAL;
  const value = raw === undefined || raw === "" ? 10 : Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`TRYLIATE_REFRESH_TOKEN_REUSE_INTERVAL must be a number of seconds ≥ 0, got "${raw}"`);
  }
  const limit = ctx.config.signInRateLimit;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(`TRYLIATE_AUTH_SIGN_IN_RATE_LIMIT must be a whole number ≥ 1, got "${limit}"`);
  }
  return {
    refreshTokenReuseInterval: value,
    signInLimiter: new RateLimiter(limit),
    decoyPasswordHash: hashPassword(randomBytes(32).toString("base64url")),
    mailer: new Mailer(ctx),
    mfaLimiter: new RateLimiter(Math.max(1, ctx.config.auth.mfaVerifyRateLimit)),
    passkeyLimiter: new RateLimiter(Math.max(1, ctx.config.auth.passkeyRateLimit)),
    anonymousLimiter: new RateLimiter(Math.max(1, ctx.config.auth.anonymousRateLimit), 60 * 60_000),
    verifyLimiter: new RateLimiter(Math.max(1, ctx.config.auth.verifyRateLimit)),
  };
}

/** The gateway's API-key check: `apikey` header (or query parameter) must be one of the project keys. */
function apiKeyRejection(ctx: LocalStackContext, req: IncomingMessage, query: URLSearchParams) {
  const key = headerValue(req, "apikey") ?? query.get("apikey");
  if (!key) {
    return {
      message: "No API key found in request",
      hint: "No `apikey` request header or url param was found.",
    };
  }
  if (key !== ctx.config.publishableKey && key !== ctx.config.secretKey) {
    return {
      message: "Invalid API key",
      hint: "Double check your Supabase `anon` or `service_role` API key.",
    };
  }
  return null;
}

/** The local Auth server: the subset of GoTrue under /auth/v1 that local/auth/README.md lists. */
export async function createAuthService(ctx: LocalStackContext): Promise<LocalService> {
  await ensureAuthSchema(ctx.pool);
  const options = authOptions(ctx);

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://local");
    if (url.pathname !== PREFIX && !url.pathname.startsWith(`${PREFIX}/`)) return false;
    const path = url.pathname.slice(PREFIX.length).replace(/\/+$/, "") || "/";
    const handler = ROUTES[`${req.method} ${path}`];
    if (!OPEN_PATHS.has(path)) {
      const rejection = apiKeyRejection(ctx, req, url.searchParams);
      if (rejection) {
        sendJson(res, 401, rejection);
        return true;
      }
    }
    const request: AuthRequest = {
      ctx,
      options,
      req,
      res,
      path,
      query: url.searchParams,
      // The configured address (GoTrue's API_EXTERNAL_URL), never a header the client chose.
      issuer: `http://${ctx.config.host}:${req.socket.localPort}${PREFIX}`,
      client: { userAgent: headerValue(req, "user-agent") ?? null, ip: req.socket.remoteAddress ?? null },
    };
    try {
      if (handler) await handler(request);
      else if (
        !(await handleAdmin(request)) &&
        !(await handleAdminFactors(request)) &&
        !(await handleFactors(request)) &&
        !(await handlePasskeys(request)) &&
        !(await handleAdminPasskeys(request)) &&
        !(await handleDisabledFeature(request))
      ) {
        throw new AuthApiError(404, "not_found", "Not Found");
      }
    } catch (error) {
      if (error instanceof AuthApiError || error instanceof OAuthError) {
        sendAuthError(req, res, error);
      } else {
        console.error(`local auth: ${req.method} ${url.pathname} failed:`, error);
        if (res.headersSent) res.end();
        else
          sendAuthError(
            req,
            res,
            new AuthApiError(
              500,
              "unexpected_failure",
              "Unexpected failure, please check server logs for more information",
            ),
          );
      }
    }
    return true;
  }

  return {
    handleRequest,
    async close() {
      options.mailer.close();
    },
  };
}
