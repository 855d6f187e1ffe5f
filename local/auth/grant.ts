import type { AuthRequest } from "./request";
import { createSession, sessionAmr } from "./sessions";
import { tokenResponse } from "./tokens";
import { type Db, findUserById, type User } from "./users";

export type TokenResponse = Awaited<ReturnType<typeof tokenResponse>>;

/** GoTrue's issueRefreshToken: a new session for the user, signed in by `method` (its `amr`). */
export async function signIn(
  request: AuthRequest,
  db: Db,
  user: User,
  method: string,
): Promise<TokenResponse> {
  const session = await createSession(db, user, method, request.client);
  const fresh = (await findUserById(db, user.id)) ?? user;
  const amr = await sessionAmr(db, session.sessionId);
  return tokenResponse(request.ctx, { issuer: request.issuer, user: fresh, amr, ...session });
}

/** GoTrue's AsRedirectURL: the session in the URL fragment (implicit flow). */
export function sessionRedirectUrl(
  target: string,
  token: TokenResponse,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({
    access_token: token.access_token,
    expires_at: String(token.expires_at),
    expires_in: String(token.expires_in),
    refresh_token: token.refresh_token,
    token_type: token.token_type,
    ...extra,
  });
  params.sort();
  const url = new URL(target);
  url.hash = params.toString();
  return url.href;
}

const OAUTH_ERRORS: Record<number, string> = {
  400: "invalid_request",
  401: "unauthorized_client",
  403: "access_denied",
  500: "server_error",
  503: "temporarily_unavailable",
};

/** GoTrue's error redirect: error, error_code, error_description (and `sb`) in the fragment, and in the query for PKCE. */
export function errorRedirectUrl(
  target: string,
  error: { status: number; code: string; message: string },
  inQuery: boolean,
): string {
  const url = new URL(target);
  const name = OAUTH_ERRORS[error.status] ?? "server_error";
  const fields = { error: name, error_code: error.code, error_description: error.message };
  if (inQuery) for (const [key, value] of Object.entries(fields)) url.searchParams.set(key, value);
  url.hash = new URLSearchParams({ ...fields, sb: "" }).toString();
  return url.href;
}

export function redirect(request: AuthRequest, status: 302 | 303, location: string) {
  request.res.writeHead(status, { location });
  request.res.end();
}
