import { requireSecretKey } from "./admin-routes";
import { AuthApiError, OAuthError, validationFailed } from "./errors";
import { readJsonBody } from "./http";
import { type AuthRequest, requireUser } from "./request";

// Features this stand-in leaves off, answered exactly as GoTrue answers while they are off on
// a project (SAML SSO, manual identity linking, the OAuth 2.1 server, Web3 and ID-token sign-in).

const samlDisabled = () => new AuthApiError(404, "saml_provider_disabled", "SAML 2.0 is disabled");
const linkingDisabled = () => new AuthApiError(404, "manual_linking_disabled", "Manual linking is disabled");
const oauthServerDisabled = () => new AuthApiError(404, "feature_disabled", "OAuth server is disabled");

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** Throws the disabled answer for a route of an off feature; false for any other route. */
export async function handleDisabledFeature(request: AuthRequest): Promise<boolean> {
  const { path } = request;
  if (under(path, "/sso")) throw samlDisabled();
  if (under(path, "/user/identities")) {
    await requireUser(request);
    throw linkingDisabled();
  }
  if (under(path, "/admin/oauth")) {
    requireSecretKey(request);
    throw oauthServerDisabled();
  }
  if (under(path, "/user/oauth")) {
    await requireUser(request);
    throw oauthServerDisabled();
  }
  if (under(path, "/oauth") || path === "/.well-known/oauth-authorization-server")
    throw oauthServerDisabled();
  return false;
}

/** POST /token?grant_type=web3 with every Web3 provider off. */
export function web3Disabled(): never {
  throw new AuthApiError(422, "web3_provider_disabled", "Web3 provider is disabled");
}

// GoTrue's issuers of the providers whose ID tokens it can take.
const ID_TOKEN_ISSUERS: Record<string, string> = {
  google: "https://accounts.google.com",
  apple: "https://appleid.apple.com",
  facebook: "https://www.facebook.com",
  kakao: "https://kauth.kakao.com",
  vercel_marketplace: "https://marketplace.vercel.com",
  snapchat: "https://accounts.snapchat.com/accounts/oauth2/token",
};

/** POST /token?grant_type=id_token: no provider here takes ID tokens, as on a project with none set up. */
export async function idTokenDisabled(request: AuthRequest): Promise<never> {
  const body = await readJsonBody(request.req);
  const provider = typeof body.provider === "string" ? body.provider : "";
  const issuer = typeof body.issuer === "string" ? body.issuer : "";
  if (typeof body.id_token !== "string" || !body.id_token)
    throw new OAuthError("invalid request", "id_token required");
  if (!provider && (!body.client_id || !issuer)) {
    throw new OAuthError("invalid request", "provider or client_id and issuer required");
  }
  const known =
    ID_TOKEN_ISSUERS[provider] ?? Object.values(ID_TOKEN_ISSUERS).find((value) => value === issuer);
  if (!known) throw validationFailed(`Custom OIDC provider "${provider}" not allowed`);
  throw new AuthApiError(400, "provider_disabled", `Provider (issuer "${known}") is not enabled`);
}
