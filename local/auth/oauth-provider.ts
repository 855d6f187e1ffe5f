import { LOCAL_PROVIDER_CLIENTS, type LocalProviderName } from "../oidc/accounts";
import { AuthApiError } from "./errors";
import type { ProviderClaims } from "./oauth-accounts";

/** The local OpenID provider's endpoints (oidc-provider's defaults) for one of its clients. */
export function providerClient(issuer: string, provider: LocalProviderName) {
  const client = LOCAL_PROVIDER_CLIENTS[provider];
  return {
    ...client,
    authorizationUrl(input: { redirectUri: string; state: string; scopes: string }) {
      const url = new URL(`${issuer}/auth`);
      url.search = new URLSearchParams({
        client_id: client.clientId,
        redirect_uri: input.redirectUri,
        response_type: "code",
        scope: input.scopes,
        state: input.state,
      }).toString();
      return url.href;
    },
    /** Exchanges the provider's code (authorization_code grant), then reads its userinfo. */
    async exchange(
      code: string,
      redirectUri: string,
    ): Promise<{ accessToken: string; refreshToken: string; claims: ProviderClaims }> {
      const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64");
      const tokenResponse = await fetch(`${issuer}/token`, {
        method: "POST",
        headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri }),
      });
      const tokens = (await tokenResponse.json()) as { access_token?: string; refresh_token?: string };
      if (!tokenResponse.ok || !tokens.access_token) {
        throw new AuthApiError(500, "unexpected_failure", `Unable to exchange external code: ${code}`);
      }
      const userinfo = await fetch(`${issuer}/me`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
      const claims = (await userinfo.json()) as ProviderClaims;
      if (!userinfo.ok || !claims.email) {
        throw new AuthApiError(500, "unexpected_failure", "Error getting user email from external provider");
      }
      return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token ?? "", claims };
    },
  };
}

export function isLocalProvider(name: string): name is LocalProviderName {
  return Object.hasOwn(LOCAL_PROVIDER_CLIENTS, name);
}
