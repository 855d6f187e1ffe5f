import { createHash, randomBytes } from "node:crypto";
import type { OAuthClientProvider, OAuthDiscoveryState } from "@modelcontextprotocol/sdk/client/auth.js";
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from "@modelcontextprotocol/sdk/shared/auth.js";
import {
  type CredentialStore,
  type Credentials,
  loadCredentials,
  saveCredentials,
} from "@/server/mcp/connections/credentials";

export const OAUTH_CALLBACK_PATH = "/api/mcp/oauth/callback";
export const CLIENT_METADATA_PATH = "/api/mcp/oauth/client-metadata";
export const STATE_LIFETIME_MS = 10 * 60_000;

type OAuthCredentials = Extract<Credentials, { kind: "oauth" }>;

export function hashState(state: string): string {
  return createHash("sha256").update(state).digest("hex");
}

/** The exact redirect URI registered and sent for an app origin. */
export function redirectUriFor(appOrigin: string): string {
  return new URL(OAUTH_CALLBACK_PATH, appOrigin).href;
}

/** The client's metadata as this app registers it (also served as its Client ID Metadata Document). */
export function clientMetadataFor(appOrigin: string): OAuthClientMetadata {
  return {
    client_name: "Tryliate",
    client_uri: new URL("/", appOrigin).href,
    redirect_uris: [redirectUriFor(appOrigin)],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "none",
  };
}

/**
 * The SDK's OAuthClientProvider over one row of `mcp_authorizations`: client registration, tokens,
 * the PKCE verifier and discovery state live encrypted in `credentials`; the pending `state` is
 * stored hashed with an expiry, and consumed once by the callback.
 */
export class StoredOAuthProvider implements OAuthClientProvider {
  /** Set when the SDK asks to send the user to the authorization server. */
  authorizationUrl: URL | undefined;
  readonly clientMetadataUrl: string | undefined;
  private credentials: OAuthCredentials;

  private constructor(
    private readonly store: CredentialStore,
    private readonly userId: string,
    private readonly serverName: string,
    private readonly appOrigin: string,
    credentials: OAuthCredentials,
  ) {
    this.credentials = credentials;
    // Client ID Metadata Documents need an https URL the authorization server can fetch.
    this.clientMetadataUrl = appOrigin.startsWith("https://")
      ? new URL(CLIENT_METADATA_PATH, appOrigin).href
      : undefined;
  }

  static async load(
    store: CredentialStore,
    userId: string,
    serverName: string,
    appOrigin: string,
  ): Promise<StoredOAuthProvider> {
    const stored = await loadCredentials(store, userId, serverName);
    const credentials: OAuthCredentials =
      stored?.credentials?.kind === "oauth" ? stored.credentials : { kind: "oauth" };
    return new StoredOAuthProvider(store, userId, serverName, appOrigin, credentials);
  }

  get hasTokens(): boolean {
    return Boolean(this.credentials.tokens?.access_token);
  }

  get redirectUrl(): string {
    return redirectUriFor(this.appOrigin);
  }

  get clientMetadata(): OAuthClientMetadata {
    return clientMetadataFor(this.appOrigin);
  }

  async state(): Promise<string> {
    const state = randomBytes(32).toString("base64url");
    await this.store.write(this.userId, this.serverName, {
      oauthState: { hash: hashState(state), expiresAt: new Date(Date.now() + STATE_LIFETIME_MS) },
    });
    return state;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.credentials.client;
  }

  async saveClientInformation(client: OAuthClientInformationMixed): Promise<void> {
    await this.update({ client });
  }

  tokens(): OAuthTokens | undefined {
    return this.credentials.tokens;
  }

  async saveTokens(tokens: OAuthTokens): Promise<void> {
    await this.update({ tokens, codeVerifier: undefined });
  }

  redirectToAuthorization(authorizationUrl: URL): void {
    this.authorizationUrl = authorizationUrl;
  }

  async saveCodeVerifier(codeVerifier: string): Promise<void> {
    await this.update({ codeVerifier });
  }

  codeVerifier(): string {
    const verifier = this.credentials.codeVerifier;
    if (!verifier)
      throw new Error("No authorization is in progress for this server: start connecting again.");
    return verifier;
  }

  async saveDiscoveryState(discovery: OAuthDiscoveryState): Promise<void> {
    await this.update({ discovery });
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.credentials.discovery;
  }

  async invalidateCredentials(scope: "all" | "client" | "tokens" | "verifier" | "discovery"): Promise<void> {
    if (scope === "all") return this.replace({ kind: "oauth" });
    const key = (
      { client: "client", tokens: "tokens", verifier: "codeVerifier", discovery: "discovery" } as const
    )[scope];
    await this.update({ [key]: undefined });
  }

  /** Adds the scopes a server asked for (a 403 insufficient_scope) to those the next connect asks for. */
  async requireScope(scope: string): Promise<void> {
    await this.update({ requiredScope: unionOfScopes(this.credentials.requiredScope, scope) });
  }

  /** What revocation needs: the tokens, the client and the authorization server's metadata. */
  snapshot(): OAuthCredentials {
    return this.credentials;
  }

  private async update(change: Partial<OAuthCredentials>): Promise<void> {
    const next: OAuthCredentials = { ...this.credentials, ...change };
    for (const key of Object.keys(next) as Array<keyof OAuthCredentials>) {
      if (next[key] === undefined) delete next[key];
    }
    await this.replace(next);
  }

  private async replace(next: OAuthCredentials): Promise<void> {
    await saveCredentials(this.store, this.userId, this.serverName, next);
    this.credentials = next;
  }
}

/** Space-separated scopes, each once, in the order first seen; undefined when there are none. */
export function unionOfScopes(...scopes: Array<string | undefined>): string | undefined {
  const all = new Set(scopes.flatMap((scope) => (scope ?? "").split(/\s+/).filter(Boolean)));
  return all.size > 0 ? [...all].join(" ") : undefined;
}
