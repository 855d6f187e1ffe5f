import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { AuthApiError } from "./errors";
import type { AuthSettings } from "./settings";
import { relyingParty } from "./webauthn-settings";

/** GoTrue's WebAuthn challenge lifetime (WEBAUTHN_CHALLENGE_EXPIRY_DURATION, 5 minutes). */
export const WEBAUTHN_CHALLENGE_TTL_SECONDS = 300;

/** ES256, RS256, EdDSA: what authenticators offer in practice (go-webauthn's defaults include them). */
const ALGORITHMS = [-7, -257, -8];

/** A registered public key credential, as stored (ids and keys in base64url). */
export type StoredCredential = {
  id: string;
  publicKey: string;
  counter: number;
  transports: string[];
};

/** What a ceremony's challenge row keeps until the response comes back (GoTrue's SessionData). */
export type CeremonySession = { challenge: string; userId: string | null; allowedCredentials: string[] };

export type NewCredential = StoredCredential & {
  aaguid: string;
  backupEligible: boolean;
  backedUp: boolean;
  attestationType: string;
};

export const webauthnError = (code: string, message: string) => new AuthApiError(400, code, message);
export const verificationFailed = () =>
  webauthnError("webauthn_verification_failed", "Credential verification failed");

type WebAuthnUser = { id: string; email: string | null; displayName?: string };

/**
 * Registration options for navigator.credentials.create(). The user handle is the user's UUID
 * as text, as GoTrue's WebAuthnID() has it, so a discoverable sign-in names the user.
 */
export async function registrationOptions(
  settings: AuthSettings,
  user: WebAuthnUser,
  exclude: StoredCredential[],
  discoverable: boolean,
) {
  const rp = relyingParty(settings);
  const name = user.email ?? "";
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userID: new TextEncoder().encode(user.id),
    userName: name,
    userDisplayName: user.displayName || name,
    attestationType: "none",
    supportedAlgorithmIDs: ALGORITHMS,
    timeout: WEBAUTHN_CHALLENGE_TTL_SECONDS * 1000,
    excludeCredentials: exclude.map((credential) => ({
      id: credential.id,
      transports: credential.transports as AuthenticatorTransport[],
    })),
    authenticatorSelection: discoverable
      ? { residentKey: "required", requireResidentKey: true, userVerification: "preferred" }
      : { userVerification: "preferred" },
  });
  const session: CeremonySession = { challenge: options.challenge, userId: user.id, allowedCredentials: [] };
  return { options, session };
}

/** Authentication options for navigator.credentials.get(): discoverable when `allow` is empty. */
export async function authenticationOptions(
  settings: AuthSettings,
  allow: StoredCredential[],
  userId: string | null,
) {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(settings).id,
    timeout: WEBAUTHN_CHALLENGE_TTL_SECONDS * 1000,
    userVerification: "preferred",
    allowCredentials: allow.map((credential) => ({
      id: credential.id,
      transports: credential.transports as AuthenticatorTransport[],
    })),
  });
  const session: CeremonySession = {
    challenge: options.challenge,
    userId,
    allowedCredentials: allow.map((credential) => credential.id),
  };
  return { options, session };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The serialised PublicKeyCredential of a ceremony, or null when it is not one. */
function credentialResponse(value: unknown, fields: string[]) {
  if (!isObject(value) || typeof value.id !== "string" || typeof value.rawId !== "string") return null;
  if (value.type !== "public-key" || !isObject(value.response)) return null;
  const response = value.response;
  return fields.every((field) => typeof response[field] === "string") ? value : null;
}

export function registrationResponse(value: unknown): RegistrationResponseJSON | null {
  return credentialResponse(value, [
    "clientDataJSON",
    "attestationObject",
  ]) as RegistrationResponseJSON | null;
}

export function authenticationResponse(value: unknown): AuthenticationResponseJSON | null {
  return credentialResponse(value, [
    "clientDataJSON",
    "authenticatorData",
    "signature",
  ]) as AuthenticationResponseJSON | null;
}

/** What a response must show: the ceremony's challenge, an allowed origin, the RP ID (user verification preferred, not required). */
function expected(settings: AuthSettings, session: CeremonySession) {
  const rp = relyingParty(settings);
  return {
    expectedChallenge: session.challenge,
    expectedOrigin: rp.origins,
    expectedRPID: rp.id,
    requireUserVerification: false,
  };
}

/** Checks an attestation against the ceremony; throws `webauthn_verification_failed` when it does not hold. */
export async function verifyRegistration(
  settings: AuthSettings,
  session: CeremonySession,
  response: RegistrationResponseJSON,
): Promise<NewCredential> {
  const result = await verifyRegistrationResponse({ response, ...expected(settings, session) }).catch(
    () => null,
  );
  if (!result?.verified) throw verificationFailed();
  const { credential, aaguid, credentialDeviceType, credentialBackedUp, fmt } = result.registrationInfo;
  return {
    id: credential.id,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? response.response.transports ?? [],
    aaguid,
    backupEligible: credentialDeviceType === "multiDevice",
    backedUp: credentialBackedUp,
    attestationType: fmt,
  };
}

/** Checks an assertion made with `credential`; returns the authenticator's new signature counter. */
export async function verifyAuthentication(
  settings: AuthSettings,
  session: CeremonySession,
  response: AuthenticationResponseJSON,
  credential: StoredCredential,
): Promise<number> {
  if (session.allowedCredentials.length && !session.allowedCredentials.includes(credential.id)) {
    throw verificationFailed();
  }
  const result = await verifyAuthenticationResponse({
    response,
    ...expected(settings, session),
    credential: {
      id: credential.id,
      publicKey: isoBase64URL.toBuffer(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports as AuthenticatorTransport[],
    },
  }).catch(() => null);
  if (!result?.verified) throw verificationFailed();
  return result.authenticationInfo.newCounter;
}
