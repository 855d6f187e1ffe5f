import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { OAuthRegisteredClientsStore } from "@modelcontextprotocol/sdk/server/auth/clients.js";
import { InvalidGrantError, InvalidTokenError } from "@modelcontextprotocol/sdk/server/auth/errors.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import type {
  AuthorizationParams,
  OAuthServerProvider,
} from "@modelcontextprotocol/sdk/server/auth/provider.js";
import {
  createOAuthMetadata,
  getOAuthProtectedResourceMetadataUrl,
  mcpAuthRouter,
} from "@modelcontextprotocol/sdk/server/auth/router.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { OAuthClientInformationFull, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import express from "express";
import { z } from "zod";

type Grant = { clientId: string; scopes: string[]; resource?: string; expiresAt: number };
type PendingCode = { client: OAuthClientInformationFull; params: AuthorizationParams };

/**
 * A local OAuth-protected MCP server built on the SDK's server auth helpers: an authorization
 * server (metadata, dynamic registration, authorize that approves at once, token with PKCE and
 * refresh rotation, revocation) and a Streamable HTTP MCP endpoint behind bearer auth, on one port.
 * For the local stack and tests; it keeps everything in memory.
 */
export class DemoOAuthProvider implements OAuthServerProvider {
  readonly clients = new Map<string, OAuthClientInformationFull>();
  readonly codes = new Map<string, PendingCode>();
  readonly accessTokens = new Map<string, Grant>();
  readonly refreshTokens = new Map<string, Grant>();
  readonly revoked: string[] = [];
  refreshes = 0;

  readonly clientsStore: OAuthRegisteredClientsStore = {
    getClient: async (clientId) => this.clients.get(clientId),
    registerClient: async (client) => {
      const full = client as OAuthClientInformationFull;
      this.clients.set(full.client_id, full);
      return full;
    },
  };

  async authorize(
    client: OAuthClientInformationFull,
    params: AuthorizationParams,
    res: express.Response,
  ): Promise<void> {
    if (!client.redirect_uris.map(String).includes(params.redirectUri))
      throw new InvalidGrantError("Unregistered redirect_uri");
    const code = randomUUID();
    this.codes.set(code, { client, params });
    const target = new URL(params.redirectUri);
    target.searchParams.set("code", code);
    if (params.state !== undefined) target.searchParams.set("state", params.state);
    res.redirect(target.href);
  }

  async challengeForAuthorizationCode(_client: OAuthClientInformationFull, code: string): Promise<string> {
    const pending = this.codes.get(code);
    if (!pending) throw new InvalidGrantError("Invalid authorization code");
    return pending.params.codeChallenge;
  }

  async exchangeAuthorizationCode(
    client: OAuthClientInformationFull,
    code: string,
    _verifier?: string,
    redirectUri?: string,
  ): Promise<OAuthTokens> {
    const pending = this.codes.get(code);
    this.codes.delete(code);
    if (!pending || pending.client.client_id !== client.client_id)
      throw new InvalidGrantError("Invalid authorization code");
    if (redirectUri !== undefined && redirectUri !== pending.params.redirectUri)
      throw new InvalidGrantError("redirect_uri mismatch");
    return this.issue({
      clientId: client.client_id,
      scopes: pending.params.scopes ?? [],
      resource: pending.params.resource?.href,
      expiresAt: 0,
    });
  }

  async exchangeRefreshToken(client: OAuthClientInformationFull, refreshToken: string): Promise<OAuthTokens> {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.clientId !== client.client_id) throw new InvalidGrantError("Invalid refresh token");
    this.refreshTokens.delete(refreshToken);
    this.refreshes++;
    return this.issue(grant);
  }

  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const grant = this.accessTokens.get(token);
    if (!grant || grant.expiresAt < Date.now()) throw new InvalidTokenError("Invalid or expired token");
    return {
      token,
      clientId: grant.clientId,
      scopes: grant.scopes,
      expiresAt: Math.floor(grant.expiresAt / 1000),
    };
  }

  async revokeToken(_client: OAuthClientInformationFull, request: { token: string }): Promise<void> {
    this.revoked.push(request.token);
    this.accessTokens.delete(request.token);
    this.refreshTokens.delete(request.token);
  }

  /** Test hook: every access token stops working (refresh tokens still do). */
  expireAccessTokens() {
    this.accessTokens.clear();
  }

  /** Test hook: every token stops working, so the user must authorize again. */
  forgetAllTokens() {
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  private issue(grant: Grant): OAuthTokens {
    const access = randomUUID();
    const refresh = randomUUID();
    this.accessTokens.set(access, { ...grant, expiresAt: Date.now() + 3600_000 });
    this.refreshTokens.set(refresh, grant);
    return {
      access_token: access,
      token_type: "bearer",
      expires_in: 3600,
      refresh_token: refresh,
      scope: grant.scopes.join(" "),
    };
  }
}

export type OAuthMcpServer = {
  url: string;
  issuer: string;
  provider: DemoOAuthProvider;
  stop: () => Promise<void>;
};

function mcpServer(auth: AuthInfo | undefined): McpServer {
  const server = new McpServer({ name: "tryliate-oauth-demo", version: "1.0.0" });
  server.registerTool(
    "whoami",
    {
      title: "Who am I",
      description: "Returns the OAuth client the call was authorized for.",
      inputSchema: {},
    },
    async () => ({ content: [{ type: "text", text: `client ${auth?.clientId ?? "unknown"}` }] }),
  );
  server.registerTool(
    "add",
    { description: "Adds two numbers.", inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }),
  );
  return server;
}

/**
 * `clientIdMetadataDocuments`: the authorization server also says it accepts Client ID Metadata
 * Documents (a client id that is the URL of the client's metadata), so clients skip registration.
 * `challenge`: the server names its protected-resource metadata only in its 401's
 * `WWW-Authenticate` (`resource_metadata`, at a path no well-known lookup finds) with the `scope`
 * it requires, and answers a token without that scope with 403 `insufficient_scope`.
 */
export async function startOAuthMcpServer(
  options: {
    port?: number;
    clientIdMetadataDocuments?: boolean;
    challenge?: { scopes: string[]; stepUpScopes?: string[] };
  } = {},
): Promise<OAuthMcpServer> {
  const app = express();
  const provider = new DemoOAuthProvider();
  const listening: Server = await new Promise((resolve) => {
    const s = app.listen(options.port ?? 0, "127.0.0.1", () => resolve(s));
  });
  const port = (listening.address() as AddressInfo).port;
  const issuer = new URL(`http://127.0.0.1:${port}/`);
  const mcpUrl = new URL(`http://127.0.0.1:${port}/mcp`);
  const off = { rateLimit: false as const };
  if (options.clientIdMetadataDocuments) {
    const metadata = {
      ...createOAuthMetadata({ provider, issuerUrl: issuer, scopesSupported: ["mcp:tools"] }),
      client_id_metadata_document_supported: true,
    };
    app.get("/.well-known/oauth-authorization-server", (_req, res) => res.json(metadata));
  }
  const challenge = options.challenge;
  const metadataUrl = new URL(
    challenge ? `http://127.0.0.1:${port}/metadata/resource` : getOAuthProtectedResourceMetadataUrl(mcpUrl),
  );
  if (challenge) {
    // Only the challenge leads to the metadata: the well-known locations answer 404.
    app.get(/^\/\.well-known\/oauth-protected-resource/, (_req, res) => res.status(404).end());
    app.get("/metadata/resource", (_req, res) =>
      res.json({
        resource: mcpUrl.href,
        authorization_servers: [issuer.href],
        scopes_supported: ["mcp:tools", ...challenge.scopes],
      }),
    );
    const required = [...challenge.scopes, ...(challenge.stepUpScopes ?? [])];
    app.use("/mcp", async (req, res, next) => {
      const token = req.headers.authorization?.replace(/^Bearer /i, "");
      if (!token) {
        const scope = challenge.scopes.join(" ");
        res.set("www-authenticate", `Bearer resource_metadata="${metadataUrl.href}", scope="${scope}"`);
        return res.status(401).json({ error: "invalid_token", error_description: "Sign in first." });
      }
      const granted = await provider.verifyAccessToken(token).then(
        (info) => info.scopes,
        () => null,
      );
      if (granted && !required.every((scope) => granted.includes(scope))) {
        res.set(
          "www-authenticate",
          `Bearer error="insufficient_scope", scope="${required.join(" ")}", resource_metadata="${metadataUrl.href}"`,
        );
        return res.status(403).json({ error: "insufficient_scope" });
      }
      next();
    });
  }
  app.use(
    mcpAuthRouter({
      provider,
      issuerUrl: issuer,
      resourceServerUrl: mcpUrl,
      scopesSupported: ["mcp:tools"],
      authorizationOptions: off,
      tokenOptions: off,
      clientRegistrationOptions: off,
      revocationOptions: off,
    }),
  );
  const bearer = requireBearerAuth({
    verifier: provider,
    resourceMetadataUrl: metadataUrl.href,
    ...(challenge ? { requiredScopes: [...challenge.scopes, ...(challenge.stepUpScopes ?? [])] } : {}),
  });
  app.post("/mcp", express.json(), bearer, async (req, res) => {
    // Stateless: a server and transport per request, as the SDK's stateless example does.
    const server = mcpServer(req.auth);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  app.get("/mcp", bearer, (_req, res) => res.status(405).set("allow", "POST").end());
  app.delete("/mcp", bearer, (_req, res) => res.status(405).set("allow", "POST").end());
  return {
    url: mcpUrl.href,
    issuer: issuer.href,
    provider,
    stop: () =>
      new Promise((resolve) => {
        listening.closeAllConnections();
        listening.close(() => resolve());
      }),
  };
}
