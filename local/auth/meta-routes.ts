import { sendJson } from "./http";
import type { AuthRequest } from "./request";

/** GET /.well-known/jwks.json: the public signing key, cacheable for 10 minutes. */
export function handleJwks(request: AuthRequest) {
  sendJson(
    request.res,
    200,
    { keys: [request.ctx.signingKey.publicJwk] },
    { "cache-control": "public, max-age=600" },
  );
}

const DISABLED_PROVIDERS = [
  "anonymous_users",
  "apple",
  "azure",
  "bitbucket",
  "discord",
  "facebook",
  "figma",
  "github",
  "gitlab",
  "google",
  "keycloak",
  "kakao",
  "linkedin_oidc",
  "notion",
  "phone",
  "slack_oidc",
  "spotify",
  "twitch",
  "twitter",
  "workos",
  "zoom",
];

/** GET /settings: which sign-in methods this server offers (GoTrue's Settings shape). */
export function handleSettings(request: AuthRequest) {
  const external: Record<string, boolean> = { email: true };
  for (const provider of DISABLED_PROVIDERS) external[provider] = false;
  sendJson(request.res, 200, {
    external,
    disable_signup: false,
    mailer_autoconfirm: true,
    phone_autoconfirm: false,
    sms_provider: "",
    saml_enabled: false,
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
