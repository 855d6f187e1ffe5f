import { decodeJwt, errors } from "jose";
import type { LocalStackContext } from "../context";
import { verifyJwt } from "../keys";

export type Claims = Record<string, unknown> & { role: string; exp?: number };
export type TokenCheck = { ok: true; claims: Claims } | { ok: false; code: string; message: string };

/** Verifies a socket/channel token the way Realtime does (signature, exp, role+exp required). */
export async function checkToken(ctx: LocalStackContext, rawToken: string): Promise<TokenCheck> {
  const token = rawToken.replace(/\s+/g, "");
  if (token === ctx.config.publishableKey) return { ok: true, claims: { role: "anon" } };
  if (token === ctx.config.secretKey) return { ok: true, claims: { role: "service_role" } };
  try {
    const claims = await verifyJwt(ctx.signingKey, token);
    if (typeof claims.role !== "string" || typeof claims.exp !== "number") {
      return { ok: false, code: "InvalidJWTToken", message: "Fields `role` and `exp` are required in JWT" };
    }
    return { ok: true, claims: claims as Claims };
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      return {
        ok: false,
        code: "InvalidJWTToken",
        message: `Token has expired ${secondsSinceExpiry(token)} seconds ago`,
      };
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return { ok: false, code: "JwtSignatureError", message: "Failed to validate JWT signature" };
    }
    return { ok: false, code: "MalformedJWT", message: "The token provided is not a valid JWT" };
  }
}

function secondsSinceExpiry(token: string): number {
  try {
    const exp = decodeJwt(token).exp;
    return typeof exp === "number" ? Math.max(0, Math.floor(Date.now() / 1000) - exp) : 0;
  } catch {
    return 0;
  }
}

/** The socket handshake's wording for a failed check (local/realtime/README.md, "Handshake"). */
export function handshakeError(check: Exclude<TokenCheck, { ok: true }>): string {
  return check.message.startsWith("Token has expired") ? "Token has expired" : check.message;
}
