import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import {
  type CredentialStore,
  type Credentials,
  databaseCredentialStore,
  loadCredentials,
} from "@/server/mcp/connections/credentials";
import { AppError } from "@/server/platform/errors/app-error";
import { processSingleton } from "@/server/platform/process-singleton";
import { type ConnectOptions, connectToServer, type McpConnection } from "./connect";
import { guardedFetch } from "./guarded-fetch";
import { StoredOAuthProvider } from "./oauth-provider";
import { SessionPool } from "./session-pool";
import { noticingStepUp } from "./step-up";

export type ServerRef = { id: string; url: string };
export type UserSessionOptions = {
  store?: CredentialStore;
  appOrigin: string;
  fetch?: ConnectOptions["fetch"];
  timeoutMs?: number;
};

/** Connects as a user to a server with that user's stored credentials (none, a header, or OAuth). */
export async function connectAsUser(
  userId: string,
  server: ServerRef,
  options: UserSessionOptions,
): Promise<McpConnection> {
  const store = options.store ?? databaseCredentialStore;
  const stored = await loadCredentials(store, userId, server.id);
  // Revoked means "do not act for me here": never fall back to calling the server without credentials.
  if (stored?.status === "revoked") {
    throw new AppError(
      "mcp.connection_revoked",
      `The connection to "${server.id}" was revoked: connect it again on the Connections page.`,
    );
  }
  return connectWithCredentials(store, userId, server, stored?.credentials ?? null, options);
}

export async function connectWithCredentials(
  store: CredentialStore,
  userId: string,
  server: ServerRef,
  credentials: Credentials | null,
  options: UserSessionOptions,
): Promise<McpConnection> {
  const base = { url: server.url, fetch: options.fetch, timeoutMs: options.timeoutMs };
  if (credentials?.kind === "header")
    return connectToServer({ ...base, headers: { [credentials.header]: credentials.value } });
  if (credentials?.kind === "oauth") {
    const authProvider = await StoredOAuthProvider.load(store, userId, server.id, options.appOrigin);
    if (!authProvider.hasTokens) throw new UnauthorizedError("Not signed in to this server yet.");
    const fetch = noticingStepUp(options.fetch ?? guardedFetch, (scope) => authProvider.requireScope(scope));
    return connectToServer({ ...base, fetch, authProvider });
  }
  return connectToServer(base);
}

/** The app's sessions, reused per user and server. */
export const sessions = processSingleton("mcp-sessions", () => new SessionPool());

export function sessionKey(userId: string, serverId: string): string {
  return `${userId}\u0000${serverId}\u0000`;
}
