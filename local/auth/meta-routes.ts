import { sendJson } from "./http";
import type { AuthRequest } from "./request";
import { providerEnabled } from "./settings";

/** GET /.well-known/jwks.json: the public signing key, cacheable for 10 minutes. */
export function handleJwks(request: AuthRequest) {
  sendJson(
    request.res,
    200,
    { keys: [request.ctx.signingKey.publicJwk] },
    { "cache-control": "public, max-age=600" },
  );
}

const EXTERNAL_PROVIDERS = [
  "anonymous_users",
  "apple",
  "azure",
  "bitbucket",
  "discord",
  "facebook",
  "figma",
  "fly",
  "github",
  "gitlab",
  "google",
  "keycloak",
  "kakao",
  "linkedin",
  "linkedin_oidc",
  "notion",
  "phone",
  "slack",
  "slack_oidc",
  "snapchat",
  "spotify",
  "twitch",
  "twitter",
  "workos",
  "zoom",
];

/** GET /settings: which sign-in methods this server offers (GoTrue's Settings shape). */
export function handleSettings(request: AuthRequest) {
  const settings = request.ctx.config.auth;
  const external: Record<string, boolean> = { email: providerEnabled(settings, "email") };
  for (const provider of EXTERNAL_PROVIDERS) external[provider] = providerEnabled(settings, provider);
  external.anonymous_users = settings.anonymousUsersEnabled;
  sendJson(request.res, 200, {
    external,
    disable_signup: false,
    mailer_autoconfirm: settings.mailerAutoconfirm,
    phone_autoconfirm: false,
    sms_provider: "",
    saml_enabled: false,
    saml_private_key_next_configured: false,
    passkeys_enabled: settings.passkeyEnabled,
  });
}

/** GET /health */
export function handleHealth(request: AuthRequest) {
  sendJson(request.res, 200, {
    version: "tryliate-local",
    name: "GoTrue",
    description: "GoTrue is a user registration and authentication API",
  });
}
