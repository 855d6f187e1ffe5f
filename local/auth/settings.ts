import { type WebAuthnSettings, webAuthnSettingsFromEnv } from "./webauthn-settings";

/**
 * The Auth server's project settings, named after GoTrue's environment (GOTRUE_SITE_URL,
 * GOTRUE_MAILER_AUTOCONFIRM, …). The defaults are those of a new Supabase project: email
 * confirmation on, secure email change on, only the email provider enabled.
 */
export type AuthSettings = {
  /** Where emails and OAuth send people when no allowed `redirect_to` is given (SITE_URL). */
  siteUrl: string;
  /** Further allowed `redirect_to` patterns (URI_ALLOW_LIST): `*` within a segment, `**` across. */
  additionalRedirectUrls: string[];
  /** Sign-ups are confirmed at once, without an email (MAILER_AUTOCONFIRM). */
  mailerAutoconfirm: boolean;
  /** An email change needs the old address to confirm too (MAILER_SECURE_EMAIL_CHANGE_ENABLED). */
  secureEmailChange: boolean;
  /** Enabled sign-in providers: `email` and external ones such as `github`, `google`. */
  externalProviders: string[];
  /** Seconds an emailed link or code stays valid (MAILER_OTP_EXP). */
  otpExpiry: number;
  /** Seconds before another email of the same kind may go to the same user (SMTP_MAX_FREQUENCY). */
  emailMaxFrequency: number;
  /** Emails the server sends per hour in all (RATE_LIMIT_EMAIL_SENT). */
  emailRateLimit: number;
  /** A password change needs a reauthentication nonce (SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION). */
  passwordChangeRequiresReauthentication: boolean;
  /** Seconds a session counts as a recent sign-in, needing no nonce for a password change (24 hours in GoTrue). */
  reauthenticationWindow: number;
  /** MFA challenge and verify requests per IP per 5 minutes (RATE_LIMIT_VERIFY for factors). */
  mfaVerifyRateLimit: number;
  /** /verify attempts per client IP, and per address, per 5 minutes (RATE_LIMIT_VERIFY). */
  verifyRateLimit: number;
} & WebAuthnSettings;

/** The OAuth providers the local OpenID Connect provider stands in for. */
export const LOCAL_OAUTH_PROVIDERS = ["github", "google"] as const;

export function flag(name: string, fallback: boolean): boolean {
  const raw = process.env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new Error(`${name} must be true or false, got "${process.env[name]}"`);
}

export function seconds(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number ≥ 0, got "${raw}"`);
  return value;
}

export function list(name: string): string[] | null {
  const raw = process.env[name];
  if (raw === undefined) return null;
  return raw
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Reads the settings from TRYLIATE_AUTH_* (local/auth/README.md, "Settings"). */
export function authSettingsFromEnv(): AuthSettings {
  return {
    siteUrl: process.env.TRYLIATE_AUTH_SITE_URL || "http://localhost:3000",
    additionalRedirectUrls: list("TRYLIATE_AUTH_ADDITIONAL_REDIRECT_URLS") ?? [],
    mailerAutoconfirm: flag("TRYLIATE_AUTH_MAILER_AUTOCONFIRM", false),
    secureEmailChange: flag("TRYLIATE_AUTH_SECURE_EMAIL_CHANGE", true),
    externalProviders: (list("TRYLIATE_AUTH_EXTERNAL_PROVIDERS") ?? ["email"]).map((name) =>
      name.toLowerCase(),
    ),
    otpExpiry: seconds("TRYLIATE_AUTH_OTP_EXPIRY", 3600),
    emailMaxFrequency: seconds("TRYLIATE_AUTH_EMAIL_MAX_FREQUENCY", 60),
    emailRateLimit: seconds("TRYLIATE_AUTH_EMAIL_RATE_LIMIT", 30),
    passwordChangeRequiresReauthentication: flag("TRYLIATE_AUTH_SECURE_PASSWORD_CHANGE", false),
    reauthenticationWindow: seconds("TRYLIATE_AUTH_REAUTHENTICATION_WINDOW", 86_400),
    mfaVerifyRateLimit: seconds("TRYLIATE_AUTH_MFA_VERIFY_RATE_LIMIT", 30),
    ...webAuthnSettingsFromEnv(),
    verifyRateLimit: seconds("TRYLIATE_AUTH_VERIFY_RATE_LIMIT", 30),
  };
}

export function providerEnabled(settings: AuthSettings, provider: string): boolean {
  return settings.externalProviders.includes(provider);
}
