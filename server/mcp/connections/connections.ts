import { auth } from "@modelcontextprotocol/sdk/client/auth.js";
import { z } from "zod";
import { type Challenge, readChallenge } from "@/server/mcp/client/challenge";
import { withDeadline } from "@/server/mcp/client/deadline-fetch";
import { discover } from "@/server/mcp/client/discovery";
import { asksToConnect, explainMcpError } from "@/server/mcp/client/errors";
import { guardedFetch } from "@/server/mcp/client/guarded-fetch";
import { hashState, StoredOAuthProvider, unionOfScopes } from "@/server/mcp/client/oauth-provider";
import { revokeAtAuthorizationServer } from "@/server/mcp/client/revocation";
import {
  connectWithCredentials,
  type ServerRef,
  sessionKey,
  sessions,
  type UserSessionOptions,
} from "@/server/mcp/client/user-session";
import { readRegistryData } from "@/server/mcp/registry/data";
import type { RlsDb } from "@/server/platform/db/with-rls";
import { AppError, appErrorCode } from "@/server/platform/errors/app-error";
import {
  type AuthorizationStatus,
  type Credentials,
  checkHeaderName,
  databaseCredentialStore,
  loadCredentials,
  saveCredentials,
} from "./credentials";
import { consumeOAuthState } from "./secrets";

/** Why an OAuth callback failed, as a fixed code (the page words it; no text travels in the URL). */
export type OAuthCallbackProblem = "state" | "denied" | "failed";
export const OAUTH_CALLBACK_MESSAGES: Record<OAuthCallbackProblem, string> = {
  state: "This sign-in answer is unknown, expired or was already used. Start connecting again.",
  denied: "The server did not authorize the connection.",
  failed: "Signing in to the server failed. Try connecting again.",
};

export class OAuthCallbackError extends AppError {
  constructor(
    readonly problem: OAuthCallbackProblem,
    detail?: string,
  ) {
    super("mcp.oauth_callback_failed", detail ?? OAUTH_CALLBACK_MESSAGES[problem]);
  }
}

/** The problem code of an OAuth callback's failure ("failed" for anything but an OAuthCallbackError). */
export function oauthCallbackProblem(error: unknown): OAuthCallbackProblem {
  return appErrorCode(error) === "mcp.oauth_callback_failed"
    ? (error as OAuthCallbackError).problem
    : "failed";
}

export type Connection = {
  serverId: string;
  name: string;
  url: string;
  description: string;
  tags: string[];
  toolCount: number;
  needsCredentials: boolean;
  authorizationId: string | null;
  status: AuthorizationStatus;
  updatedAt: Date | null;
};

export const connectSchema = z.discriminatedUnion("kind", [
  z.strictObject({ serverId: z.string().min(1), kind: z.literal("none") }),
  z.strictObject({
    serverId: z.string().min(1),
    kind: z.literal("header"),
    header: z.string().trim().min(1, "Name the header the key goes in.").max(100),
    value: z.string().min(1, "Paste the key or token.").max(8000),
  }),
  z.strictObject({ serverId: z.string().min(1), kind: z.literal("oauth") }),
]);
export type ConnectInput = z.infer<typeof connectSchema>;
export type ConnectResult =
  | { status: "verified"; tools: number }
  | { status: "redirect"; authorizationUrl: string };

/** The registry's servers with this user's status for each (no row yet reads as `idle`). */
export async function listConnections(db: RlsDb, userId: string): Promise<Connection[]> {
  const [servers, authorizations] = await db((tx) =>
    Promise.all([
      tx.mcpRegistry.findMany({
        where: { type: "server" },
        orderBy: [{ name: "asc" }],
        select: { id: true, name: true, url: true, data: true },
      }),
      tx.mcpAuthorization.findMany({
        where: { userId },
        select: { id: true, serverName: true, status: true, updatedAt: true },
      }),
    ]),
  );
  const byServer = new Map(authorizations.map((row) => [row.serverName, row]));
  return servers
    .filter((server) => server.url)
    .map((server) => {
      const data = readRegistryData(server.data);
      const row = byServer.get(server.id);
      return {
        serverId: server.id,
        name: server.name,
        url: server.url as string,
        description: data.description,
        tags: data.tags,
        toolCount: data.tools.length,
        /** False when the server answered without credentials: its tools work before any connect. */
        needsCredentials: !data.openAccess,
        authorizationId: row?.id ?? null,
        status: (row?.status as AuthorizationStatus | undefined) ?? "idle",
        updatedAt: row?.updatedAt ?? null,
      };
    });
}

async function findServer(db: RlsDb, serverId: string): Promise<ServerRef & { name: string }> {
  const server = await db((tx) =>
    tx.mcpRegistry.findUnique({
      where: { id: serverId },
      select: { id: true, name: true, url: true, type: true },
    }),
  );
  if (server?.type !== "server" || !server.url)
    throw new AppError("registry.not_found", "This server is not in the registry.");
  return { id: server.id, name: server.name, url: server.url };
}

/** The caller's own authorization by id; another user's id reads as not found. */
async function findOwnAuthorization(db: RlsDb, userId: string, authorizationId: string) {
  const row = await db((tx) =>
    tx.mcpAuthorization.findFirst({
      where: { id: authorizationId, userId },
      select: { id: true, serverName: true },
    }),
  );
  if (!row) throw new AppError("mcp.connection_not_found", "This connection does not exist.");
  return row;
}

/** Connects and lists tools with the given credentials; returns the tool count or throws an explained error. */
async function check(
  userId: string,
  server: ServerRef & { name: string },
  credentials: Credentials | null,
  options: UserSessionOptions,
) {
  let connection: Awaited<ReturnType<typeof connectWithCredentials>> | undefined;
  try {
    connection = await connectWithCredentials(databaseCredentialStore, userId, server, credentials, options);
    return (await discover(connection.client, connection.transport, options.timeoutMs)).tools.length;
  } catch (error) {
    throw explainMcpError(error, server.name);
  } finally {
    await connection?.close();
  }
}

export async function connect(
  db: RlsDb,
  userId: string,
  input: ConnectInput,
  options: UserSessionOptions,
): Promise<ConnectResult> {
  const server = await findServer(db, input.serverId);
  if (input.kind === "oauth") return startOAuth(userId, server, options);
  let credentials: Credentials = { kind: "none" };
  if (input.kind === "header") {
    const problem = checkHeaderName(input.header);
    if (problem) throw new AppError("mcp.invalid_credentials", problem);
    credentials = { kind: "header", header: input.header, value: input.value };
  }
  // Checked before anything is stored: a key the server refuses leaves the old state as it was.
  const tools = await check(userId, server, credentials, options);
  await saveCredentials(databaseCredentialStore, userId, server.id, credentials, "verified");
  await sessions.drop(sessionKey(userId, server.id));
  return { status: "verified", tools };
}

async function startOAuth(
  userId: string,
  server: ServerRef & { name: string },
  options: UserSessionOptions,
): Promise<ConnectResult> {
  const existing = await loadCredentials(databaseCredentialStore, userId, server.id).catch(() => null);
  if (existing?.credentials && existing.credentials.kind !== "oauth") {
    // Switching from a key to OAuth: start from a clean OAuth record.
    await saveCredentials(databaseCredentialStore, userId, server.id, { kind: "oauth" }, "idle");
  }
  const provider = await oauthProvider(userId, server, options);
  try {
    const challenge = await readChallenge(server.url, withDeadline(options.fetch ?? guardedFetch));
    // A step-up the server asked for earlier (403 insufficient_scope) is asked for again, with the rest.
    const recorded = existing?.credentials?.kind === "oauth" ? existing.credentials.requiredScope : undefined;
    const scope = unionOfScopes(challenge.scope, recorded);
    if (scope) challenge.scope = scope;
    // Tokens granted without the recorded scopes cannot be refreshed into them: authorize again.
    const granted = new Set(provider.tokens()?.scope?.split(/\s+/) ?? []);
    if (recorded?.split(" ").some((s) => !granted.has(s))) await provider.invalidateCredentials("tokens");
    const result = await runOAuth(provider, server, options, undefined, challenge);
    if (result === "REDIRECT" && provider.authorizationUrl) {
      return { status: "redirect", authorizationUrl: provider.authorizationUrl.href };
    }
  } catch (error) {
    throw explainMcpError(error, server.name);
  }
  // Still-valid tokens were refreshed: check them like any verify.
  return finishVerify(userId, server, options);
}

/** The OAuth callback: the state must be this user's, pending, fresh, and is consumed whatever happens next. */
export async function completeOAuth(
  db: RlsDb,
  userId: string,
  params: { state: string | null; code: string | null; error: string | null },
  options: UserSessionOptions,
): Promise<{ serverId: string; tools: number }> {
  const pending = params.state ? await consumeOAuthState(userId, hashState(params.state)) : null;
  if (!pending) throw new OAuthCallbackError("state");
  const server = await findServer(db, pending.serverName);
  if (params.error || !params.code) {
    throw new OAuthCallbackError(
      "denied",
      `${server.name} did not authorize the connection${params.error ? ` (${params.error.slice(0, 100)})` : ""}.`,
    );
  }
  const provider = await oauthProvider(userId, server, options);
  try {
    await runOAuth(provider, server, options, params.code);
  } catch (error) {
    const explained = explainMcpError(error, server.name);
    throw new OAuthCallbackError("failed", explained instanceof Error ? explained.message : undefined);
  }
  return { serverId: server.id, tools: (await finishVerify(userId, server, options)).tools };
}

function oauthProvider(userId: string, server: ServerRef, options: UserSessionOptions) {
  return StoredOAuthProvider.load(databaseCredentialStore, userId, server.id, options.appOrigin);
}

/** One step of the SDK's OAuth flow: start (or refresh), or redeem the authorization code. */
function runOAuth(
  provider: StoredOAuthProvider,
  server: ServerRef,
  options: UserSessionOptions,
  authorizationCode?: string,
  challenge: Challenge = {},
) {
  return auth(provider, {
    serverUrl: server.url,
    ...(authorizationCode ? { authorizationCode } : {}),
    ...challenge,
    fetchFn: withDeadline(options.fetch ?? guardedFetch),
  });
}

async function finishVerify(
  userId: string,
  server: ServerRef & { name: string },
  options: UserSessionOptions,
) {
  const stored = await loadCredentials(databaseCredentialStore, userId, server.id);
  try {
    const tools = await check(userId, server, stored?.credentials ?? null, options);
    await databaseCredentialStore.write(userId, server.id, { status: "verified" });
    await sessions.drop(sessionKey(userId, server.id));
    return { status: "verified" as const, tools };
  } catch (error) {
    if (asksToConnect(error)) await databaseCredentialStore.write(userId, server.id, { status: "idle" });
    throw error;
  }
}

/** Connects and lists tools with the user's stored credentials (refreshing OAuth tokens if needed). */
export async function verify(
  db: RlsDb,
  userId: string,
  authorizationId: string,
  options: UserSessionOptions,
) {
  const row = await findOwnAuthorization(db, userId, authorizationId);
  const server = await findServer(db, row.serverName);
  return finishVerify(userId, server, options);
}

/** Deletes the secrets, marks the row revoked, and asks the authorization server to revoke its tokens. */
export async function revoke(db: RlsDb, userId: string, authorizationId: string) {
  const row = await findOwnAuthorization(db, userId, authorizationId);
  // Unreadable credentials (a lost key) are still deleted; only the remote revocation is skipped.
  const stored = await loadCredentials(databaseCredentialStore, userId, row.serverName).catch(() => null);
  const remote = await revokeAtAuthorizationServer(stored?.credentials ?? null);
  await databaseCredentialStore.write(userId, row.serverName, {
    credentials: null,
    status: "revoked",
    oauthState: null,
  });
  await sessions.drop(sessionKey(userId, row.serverName));
  return { status: "revoked" as const, revokedAtServer: remote.asked ? remote.ok : null };
}
