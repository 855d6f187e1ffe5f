/**
 * Every code an error of the app can carry, with the tRPC status it answers with. The code is the
 * contract (clients decide on it); the sentence beside it is for people and may change.
 * docs/errors.md documents each one.
 */
export const APP_ERROR_STATUS = {
  "auth.sign_in_required": "UNAUTHORIZED",
  "auth.session_ended": "UNAUTHORIZED",
  "auth.second_factor_pending": "FORBIDDEN",
  "auth.admin_only": "FORBIDDEN",
  "account.not_found": "NOT_FOUND",
  "account.profile_not_found": "NOT_FOUND",
  "workflow.not_found": "NOT_FOUND",
  "workflow.invalid_file": "BAD_REQUEST",
  "graph.invalid_diff": "BAD_REQUEST",
  "version.not_found": "NOT_FOUND",
  "version.invalid_label": "BAD_REQUEST",
  "version.damaged": "BAD_REQUEST",
  "assistant.thread_not_found": "NOT_FOUND",
  "runs.not_found": "NOT_FOUND",
  "runs.not_retryable": "BAD_REQUEST",
  "runs.invalid_input": "BAD_REQUEST",
  "runs.no_trigger": "BAD_REQUEST",
  "runs.several_triggers": "BAD_REQUEST",
  "runs.invalid_plan": "BAD_REQUEST",
  "runs.unavailable": "PRECONDITION_FAILED",
  "runs.too_many_running": "TOO_MANY_REQUESTS",
  "triggers.cannot_activate": "BAD_REQUEST",
  "webhooks.not_found": "NOT_FOUND",
  "webhooks.unauthorized": "UNAUTHORIZED",
  "webhooks.method_not_allowed": "METHOD_NOT_SUPPORTED",
  "webhooks.body_too_large": "PAYLOAD_TOO_LARGE",
  "webhooks.invalid_body": "BAD_REQUEST",
  "webhooks.invalid_idempotency_key": "BAD_REQUEST",
  "webhooks.rate_limited": "TOO_MANY_REQUESTS",
  "schedules.unavailable": "PRECONDITION_FAILED",
  "registry.not_found": "NOT_FOUND",
  "registry.invalid_entry": "BAD_REQUEST",
  "registry.duplicate": "CONFLICT",
  "registry.not_refreshable": "BAD_REQUEST",
  "registry.too_large": "PAYLOAD_TOO_LARGE",
  "mcp.connection_not_found": "NOT_FOUND",
  "mcp.invalid_credentials": "BAD_REQUEST",
  "mcp.needs_authorization": "PRECONDITION_FAILED",
  "mcp.connection_revoked": "PRECONDITION_FAILED",
  "mcp.credentials_unreadable": "PRECONDITION_FAILED",
  "mcp.unreachable": "BAD_REQUEST",
  "mcp.server_error": "BAD_REQUEST",
  "mcp.authorization_refused": "BAD_REQUEST",
  "mcp.oauth_callback_failed": "BAD_REQUEST",
  "mcp.timeout": "TIMEOUT",
  "input.invalid": "BAD_REQUEST",
  "record.conflict": "CONFLICT",
  "record.not_found": "NOT_FOUND",
  "request.invalid": "BAD_REQUEST",
  "request.too_large": "PAYLOAD_TOO_LARGE",
  "request.not_found": "NOT_FOUND",
  "request.refused": "BAD_REQUEST",
  "request.reserved_key": "BAD_REQUEST",
  internal: "INTERNAL_SERVER_ERROR",
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;
export type AppErrorStatus = (typeof APP_ERROR_STATUS)[AppErrorCode];

export function isAppErrorCode(value: unknown): value is AppErrorCode {
  return typeof value === "string" && Object.hasOwn(APP_ERROR_STATUS, value);
}

/** Whether trying the same request again later may succeed (a server fault, a limit, a timeout). */
export function isTransient(code: AppErrorCode): boolean {
  const status: AppErrorStatus = APP_ERROR_STATUS[code];
  return status === "INTERNAL_SERVER_ERROR" || status === "TOO_MANY_REQUESTS" || status === "TIMEOUT";
}
