import { errors as joseErrors } from "jose";
import type { LocalStackContext } from "../context";
import { verifyJwt } from "../keys";
import { AuthApiError, badJwt } from "./errors";
import { findUserById, type User } from "./users";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AUDIENCE = "authenticated";

export type AccessTokenClaims = Record<string, unknown> & {
  sub: string;
  session_id?: string;
  role?: string;
  aud?: string | string[];
};

export type Authenticated = { claims: AccessTokenClaims; user: User; sessionId: string | null };

function verificationReason(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "token has invalid claims: token is expired";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "token signature is invalid";
  if (error instanceof joseErrors.JOSEError) return `token is malformed: ${error.message}`;
  return "token is malformed";
}

/**
 * GoTrue's requireAuthentication for a bearer token: valid ES256 signature and expiry, the
 * `authenticated` audience, a `sub` naming an existing user and, when the token names a
 * session, a session that still exists (so signed-out tokens stop working). Throws the
 * AuthApiError GoTrue would answer with.
 */
export async function authenticateAccessToken(ctx: LocalStackContext, token: string): Promise<Authenticated> {
  // The API keys are not JWTs here; the hosted gateway turns them into key-role JWTs without `sub`.
  if (token === ctx.config.publishableKey || token === ctx.config.secretKey) {
    throw badJwt("invalid claim: missing sub claim");
  }
  let payload: Record<string, unknown>;
  try {
    payload = await verifyJwt(ctx.signingKey, token);
  } catch (error) {
    throw badJwt(`invalid JWT: unable to parse or verify signature, ${verificationReason(error)}`);
  }
  const audience = payload.aud;
  const audiences = Array.isArray(audience) ? audience : [audience];
  if (!audiences.includes(AUDIENCE)) {
    throw badJwt(
      "invalid JWT: unable to parse or verify signature, token has invalid claims: token has invalid audience",
    );
  }
  const sub = payload.sub;
  if (typeof sub !== "string" || !sub) throw badJwt("invalid claim: missing sub claim");
  if (!UUID_PATTERN.test(sub))
    throw new AuthApiError(400, "bad_jwt", "invalid claim: sub claim must be a UUID");
  const user = await findUserById(ctx.pool, sub);
  if (!user) throw new AuthApiError(403, "user_not_found", "User from sub claim in JWT does not exist");
  const sessionId = typeof payload.session_id === "string" && payload.session_id ? payload.session_id : null;
  if (sessionId) {
    const exists = UUID_PATTERN.test(sessionId)
      ? (await ctx.pool.query("select 1 from auth.sessions where id = $1", [sessionId])).rowCount
      : 0;
    if (!exists) {
      throw new AuthApiError(403, "session_not_found", "Session from session_id claim in JWT does not exist");
    }
  }
  return { claims: payload as AccessTokenClaims, user, sessionId };
}

/** Verifies an access token like the Auth server does (signature, expiry, user, live session) → its claims. */
export async function verifyAccessToken(ctx: LocalStackContext, token: string): Promise<AccessTokenClaims> {
  return (await authenticateAccessToken(ctx, token)).claims;
}
