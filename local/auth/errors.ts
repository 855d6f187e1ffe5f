import type { IncomingMessage, ServerResponse } from "node:http";

/** The API version auth-js sends; from it on, errors carry `code` as the string error code. */
export const API_VERSION = "2024-01-01";
const API_VERSION_HEADER = "x-supabase-api-version";

/** A GoTrue API error: HTTP status, machine code (apierrors/errorcode.go) and message. */
export class AuthApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** An OAuth-style error (`{error, error_description}`), e.g. a refresh grant without a token. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

export const badRequest = (code: string, message: string) => new AuthApiError(400, code, message);
export const validationFailed = (message: string) => new AuthApiError(400, "validation_failed", message);
export const invalidCredentials = () =>
  new AuthApiError(400, "invalid_credentials", "Invalid login credentials");
export const noAuthorization = () =>
  new AuthApiError(401, "no_authorization", "This endpoint requires a valid Bearer token");
export const badJwt = (message: string) => new AuthApiError(403, "bad_jwt", message);

/** True when the client asked for the dated API (auth-js always does). */
function usesDatedApi(req: IncomingMessage): boolean {
  const value = req.headers[API_VERSION_HEADER];
  const version = Array.isArray(value) ? value[0] : value;
  return !!version && /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= API_VERSION;
}

/** Writes an error the way GoTrue's HandleResponseError does, in the shape the request asked for. */
export function sendAuthError(req: IncomingMessage, res: ServerResponse, error: AuthApiError | OAuthError) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const dated = usesDatedApi(req);
  if (dated) headers[API_VERSION_HEADER] = API_VERSION;
  let body: Record<string, unknown>;
  if (error instanceof OAuthError) {
    body = { error: error.error, error_description: error.description };
  } else {
    headers["x-sb-error-code"] = error.code;
    body = dated
      ? { code: error.code, message: error.message, ...error.extra }
      : { code: error.status, error_code: error.code, msg: error.message, ...error.extra };
  }
  res.writeHead(error.status, headers);
  res.end(JSON.stringify(body));
}
