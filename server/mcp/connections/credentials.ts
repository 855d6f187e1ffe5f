import type { OAuthDiscoveryState } from "@modelcontextprotocol/sdk/client/auth.js";
import type { OAuthClientInformationMixed, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { open, seal } from "@/server/platform/crypto/envelope";
import { CredentialKeyError, getKeyring, type Keyring } from "@/server/platform/crypto/keyring";
import { AppError } from "@/server/platform/errors/app-error";
import { type AuthorizationRow, readAuthorization, writeAuthorization } from "./secrets";

/** What a user's authorization holds, decrypted (only ever in server memory). */
export type Credentials =
  | { kind: "none" }
  | { kind: "header"; header: string; value: string }
  | {
      kind: "oauth";
      client?: OAuthClientInformationMixed;
      tokens?: OAuthTokens;
      codeVerifier?: string;
      discovery?: OAuthDiscoveryState;
      /** Scopes a server asked for in a 403 insufficient_scope: the next connect asks for them too. */
      requiredScope?: string;
    };

export type AuthorizationStatus = "idle" | "verified" | "revoked";

export type CredentialStore = {
  keyring: () => Keyring;
  read: (userId: string, serverName: string) => Promise<AuthorizationRow | null>;
  write: typeof writeAuthorization;
};

export const databaseCredentialStore: CredentialStore = {
  keyring: getKeyring,
  read: (userId, serverName) => readAuthorization(userId, serverName),
  write: (userId, serverName, change) => writeAuthorization(userId, serverName, change),
};

/** The user's decrypted credentials for a server, or null when none are stored. */
export async function loadCredentials(
  store: CredentialStore,
  userId: string,
  serverName: string,
): Promise<{ status: AuthorizationStatus; credentials: Credentials | null } | null> {
  const row = await store.read(userId, serverName);
  if (!row) return null;
  if (row.credentials == null) return { status: row.status as AuthorizationStatus, credentials: null };
  try {
    const credentials = open(store.keyring(), { userId, serverName }, row.credentials) as Credentials;
    return { status: row.status as AuthorizationStatus, credentials };
  } catch (error) {
    // The message names the key id, never a secret.
    if (error instanceof CredentialKeyError) throw new AppError("mcp.credentials_unreadable", error.message);
    throw error;
  }
}

export async function saveCredentials(
  store: CredentialStore,
  userId: string,
  serverName: string,
  credentials: Credentials | null,
  status?: AuthorizationStatus,
): Promise<void> {
  const envelope = credentials ? seal(store.keyring(), { userId, serverName }, credentials) : null;
  await store.write(userId, serverName, { credentials: envelope, ...(status ? { status } : {}) });
}

/** Header names a user may put a key in: a plain token, and not one that would smuggle a session. */
export function checkHeaderName(name: string): string | null {
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/.test(name))
    return "The header name may only hold letters, digits and - _ .";
  const lower = name.toLowerCase();
  if (
    ["cookie", "host", "content-length", "content-type", "mcp-session-id", "mcp-protocol-version"].includes(
      lower,
    )
  ) {
    return `The header "${name}" cannot carry a credential.`;
  }
  return null;
}
