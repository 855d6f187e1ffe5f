import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { CredentialKeyError } from "@/server/platform/crypto/keyring";
import { DomainError, InvalidInputError } from "@/server/platform/errors/errors";
import { McpConnectError } from "./connect";
import { DiscoveryError } from "./discovery";
import { OutboundError } from "./guarded-fetch";

/** The user must connect (sign in to) the server again before it can be used. */
export class NeedsAuthorizationError extends DomainError {
  readonly code = "PRECONDITION_FAILED";
}

/** Stored credentials cannot be opened (missing or wrong key): the message names the key id, never a secret. */
export class CredentialsUnreadableError extends DomainError {
  readonly code = "INTERNAL_SERVER_ERROR";
}

/** Turns what the MCP layer throws into an error a person can act on; unknown errors are returned as they are. */
export function explainMcpError(error: unknown, serverName: string): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof UnauthorizedError) {
    return new NeedsAuthorizationError(`"${serverName}" needs you to connect (sign in) again.`);
  }
  if (error instanceof CredentialKeyError) return new CredentialsUnreadableError(error.message);
  if (error instanceof OutboundError || error instanceof McpConnectError || error instanceof DiscoveryError) {
    return new InvalidInputError(`${serverName}: ${error.message}`);
  }
  if (error instanceof McpError)
    return new InvalidInputError(`${serverName} answered with an error: ${error.message.slice(0, 300)}`);
  const name = (error as Error)?.name ?? "";
  // The SDK's OAuth errors (invalid_grant, invalid_client, server_error…) carry the server's own text.
  if (/OAuth|Grant|Client|ServerError/.test(name)) {
    return new InvalidInputError(
      `${serverName}: the authorization server refused (${(error as Error).message.slice(0, 200)}).`,
    );
  }
  return error;
}
