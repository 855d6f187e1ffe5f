import { randomBytes } from "node:crypto";
import type { LocalStackContext } from "../context";
import { signJwt } from "../keys";
import type { WeakPassword } from "./passwords";
import { type User, userJson } from "./users";

export type AmrEntry = { method: string; timestamp: number };

/**
 * Access-token claims exactly as GoTrue's GenerateAccessToken writes them (local/auth/README.md,
 * "Access tokens"): `aud` a single string, `email`/`phone`/metadata/`role`/`is_anonymous` always
 * present, `aal`/`amr`/`session_id` for a normal session.
 */
export function accessTokenClaims(input: {
  issuer: string;
  user: User;
  sessionId: string;
  amr: AmrEntry[];
  issuedAt: number;
  ttl: number;
  /** The session's assurance level: aal2 once a factor was verified in it. */
  aal?: string;
}) {
  const { user } = input;
  return {
    iss: input.issuer,
    sub: user.id,
    aud: user.aud ?? "",
    exp: input.issuedAt + input.ttl,
    iat: input.issuedAt,
    email: user.email ?? "",
    phone: "",
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role ?? "",
    aal: input.aal ?? "aal1",
    ...(input.amr.length ? { amr: input.amr } : {}),
    session_id: input.sessionId,
    is_anonymous: user.is_anonymous,
  };
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** A classic GoTrue refresh token: 12 random characters of lower-case base32. */
export function newRefreshTokenString(): string {
  return Array.from(randomBytes(12), (byte) => BASE32[byte % 32]).join("");
}

/** The token response of /token and /signup (AccessTokenResponse). */
export async function tokenResponse(
  ctx: LocalStackContext,
  input: {
    issuer: string;
    user: User;
    sessionId: string;
    amr: AmrEntry[];
    refreshToken: string;
    aal?: string;
  },
  weakPassword?: WeakPassword | null,
) {
  const issuedAt = Math.floor(Date.now() / 1000);
  const ttl = ctx.config.accessTokenTtl;
  const claims = accessTokenClaims({ ...input, issuedAt, ttl });
  return {
    access_token: await signJwt(ctx.signingKey, claims),
    token_type: "bearer",
    expires_in: ttl,
    expires_at: claims.exp,
    refresh_token: input.refreshToken,
    user: userJson(input.user),
    ...(weakPassword ? { weak_password: weakPassword } : {}),
  };
}
