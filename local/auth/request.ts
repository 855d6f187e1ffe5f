import type { IncomingMessage, ServerResponse } from "node:http";
import type { LocalStackContext } from "../context";
import { AuthApiError, noAuthorization } from "./errors";
import { bearerToken } from "./http";
import type { Mailer } from "./mailer";
import type { RateLimiter } from "./rate-limit";
import type { ClientInfo } from "./sessions";
import { type Authenticated, authenticateAccessToken } from "./verify";

export type AuthOptions = {
  /** Seconds a rotated refresh token may still be used (GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL). */
  refreshTokenReuseInterval: number;
  /** Password sign-ins, keyed by client IP and by email. */
  signInLimiter: RateLimiter;
  /** A hash no password matches, checked for unknown emails so they take as long as known ones. */
  decoyPasswordHash: Promise<string>;
  /** Sends the Auth emails over SMTP. */
  mailer: Mailer;
  /** MFA challenge and verify requests, keyed by client IP. */
  mfaLimiter: RateLimiter;
  /** Passkey sign-in ceremonies and anonymous sign-ins, keyed by client IP. */
  passkeyLimiter: RateLimiter;
  anonymousLimiter: RateLimiter;
  /** /verify attempts, keyed by client IP and by address. */
  verifyLimiter: RateLimiter;
};

/** One request to /auth/v1, with what every handler needs. */
export type AuthRequest = {
  ctx: LocalStackContext;
  options: AuthOptions;
  req: IncomingMessage;
  res: ServerResponse;
  /** Path below /auth/v1, e.g. `/token`. */
  path: string;
  query: URLSearchParams;
  /** `iss` of the tokens issued for this request. */
  issuer: string;
  client: ClientInfo;
};

/** The signed-in user behind the request's bearer token (GoTrue's requireAuthentication). */
export async function requireUser(request: AuthRequest): Promise<Authenticated> {
  const token = bearerToken(request.req);
  if (!token) throw noAuthorization();
  return authenticateAccessToken(request.ctx, token);
}

/** GoTrue's requireNotAnonymous after requireAuthentication: no factors or passkeys for anonymous users. */
export async function requireSignedUpUser(request: AuthRequest): Promise<Authenticated> {
  const authenticated = await requireUser(request);
  if (authenticated.claims.is_anonymous === true) {
    throw new AuthApiError(403, "no_authorization", "Anonymous user not allowed to perform these actions");
  }
  return authenticated;
}
