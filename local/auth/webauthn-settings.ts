import { flag, list, seconds } from "./settings";

/**
 * Passkeys, WebAuthn MFA factors and anonymous sign-ins, named after GoTrue's settings. All
 * are off by default, as on a new Supabase project.
 */
export type WebAuthnSettings = {
  /** Passkey sign-in and the /passkeys routes (PASSKEY_ENABLED). */
  passkeyEnabled: boolean;
  /** Passkeys one user may register (PASSKEY_MAX_PASSKEYS_PER_USER). */
  maxPasskeysPerUser: number;
  /** Enrolling WebAuthn MFA factors (MFA_WEB_AUTHN_ENROLL_ENABLED). */
  mfaWebAuthnEnrollEnabled: boolean;
  /** Challenging and verifying WebAuthn MFA factors (MFA_WEB_AUTHN_VERIFY_ENABLED). */
  mfaWebAuthnVerifyEnabled: boolean;
  /** The relying party ID (WEBAUTHN_RP_ID); null: the site URL's host name. */
  webauthnRpId: string | null;
  /** The name authenticators show (WEBAUTHN_RP_DISPLAY_NAME). */
  webauthnRpDisplayName: string;
  /** Origins a ceremony may come from (WEBAUTHN_RP_ORIGINS); empty: the site URL's origin. */
  webauthnRpOrigins: string[];
  /** signInAnonymously() (EXTERNAL_ANONYMOUS_USERS_ENABLED). */
  anonymousUsersEnabled: boolean;
  /** Anonymous sign-ins per client IP per hour (RATE_LIMIT_ANONYMOUS_USERS). */
  anonymousRateLimit: number;
  /** Passkey sign-in ceremonies started per client IP per 5 minutes (RATE_LIMIT_PASSKEY). */
  passkeyRateLimit: number;
};

export function webAuthnSettingsFromEnv(): WebAuthnSettings {
  return {
    passkeyEnabled: flag("TRYLIATE_AUTH_PASSKEY_ENABLED", false),
    maxPasskeysPerUser: seconds("TRYLIATE_AUTH_PASSKEY_MAX_PER_USER", 10),
    mfaWebAuthnEnrollEnabled: flag("TRYLIATE_AUTH_MFA_WEB_AUTHN_ENROLL_ENABLED", false),
    mfaWebAuthnVerifyEnabled: flag("TRYLIATE_AUTH_MFA_WEB_AUTHN_VERIFY_ENABLED", false),
    webauthnRpId: process.env.TRYLIATE_AUTH_WEBAUTHN_RP_ID || null,
    webauthnRpDisplayName: process.env.TRYLIATE_AUTH_WEBAUTHN_RP_DISPLAY_NAME || "Tryliate",
    webauthnRpOrigins: list("TRYLIATE_AUTH_WEBAUTHN_RP_ORIGINS") ?? [],
    anonymousUsersEnabled: flag("TRYLIATE_AUTH_EXTERNAL_ANONYMOUS_USERS_ENABLED", false),
    anonymousRateLimit: seconds("TRYLIATE_AUTH_ANONYMOUS_USERS_RATE_LIMIT", 30),
    passkeyRateLimit: seconds("TRYLIATE_AUTH_PASSKEY_RATE_LIMIT", 30),
  };
}

/** The relying party a ceremony is bound to: ID, name and the origins it may come from. */
export function relyingParty(settings: WebAuthnSettings & { siteUrl: string }) {
  const site = new URL(settings.siteUrl);
  return {
    id: settings.webauthnRpId ?? site.hostname,
    name: settings.webauthnRpDisplayName,
    origins: settings.webauthnRpOrigins.length ? settings.webauthnRpOrigins : [site.origin],
  };
}
