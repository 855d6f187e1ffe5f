import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { OAuthError } from "@modelcontextprotocol/sdk/server/auth/errors.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { CredentialKeyError } from "@/server/platform/crypto/keyring";
import { AppError, appErrorCode, isAppError } from "@/server/platform/errors/app-error";
import { isMcpTimeout, McpConnectError } from "./connect";
import { DiscoveryError } from "./discovery";
import { OutboundError } from "./guarded-fetch";
import { InsufficientScopeError } from "./step-up";

/** Whether the user must connect (sign in to) the server again before it can be used. */
export function asksToConnect(error: unknown): boolean {
  const code = appErrorCode(error);
  return code === "mcp.needs_authorization" || code === "mcp.connection_revoked";
}

/**
 * Turns what the MCP layer throws into an AppError a person can act on (mcp.needs_authorization,
 * mcp.timeout, …); unknown errors are returned as they are.
 */
export function explainMcpError(error: unknown, serverName: string): unknown {
  if (isAppError(error)) return error;
  if (error instanceof InsufficientScopeError) {
    const scope = error.scope ? ` (${error.scope})` : "";
    return new AppError(
      "mcp.needs_authorization",
      `"${serverName}" needs more access than you granted${scope}: connect again to grant it.`,
    );
  }
  if (error instanceof UnauthorizedError) {
    return new AppError("mcp.needs_authorization", `"${serverName}" needs you to connect (sign in) again.`);
  }
  // The message names the key id, never a secret.
  if (error instanceof CredentialKeyError) return new AppError("mcp.credentials_unreadable", error.message);
  if (error instanceof DiscoveryError && error.tooLarge) {
    return new AppError("registry.too_large", `${serverName}: ${error.message}`);
  }
  if (error instanceof OutboundError || error instanceof McpConnectError || error instanceof DiscoveryError) {
    return new AppError("mcp.unreachable", `${serverName}: ${error.message}`);
  }
  if (isMcpTimeout(error)) return new AppError("mcp.timeout", `${serverName} did not answer in time.`);
  if (error instanceof McpError)
    return new AppError(
      "mcp.server_error",
      `${serverName} answered with an error: ${error.message.slice(0, 300)}`,
    );
  // The SDK's OAuth errors (invalid_grant, invalid_client, server_error…) carry the server's own text.
  if (error instanceof OAuthError) {
    return new AppError(
      "mcp.authorization_refused",
      `${serverName}: the authorization server refused (${error.message.slice(0, 200)}).`,
    );
  }
  return error;
}
