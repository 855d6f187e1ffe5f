import { randomUUID } from "node:crypto";
import { AuthApiError, validationFailed } from "./errors";
import type { FactorRow } from "./factors";
import type { AuthSettings } from "./settings";
import type { Db, User } from "./users";
import {
  authenticationOptions,
  authenticationResponse,
  type CeremonySession,
  registrationOptions,
  registrationResponse,
  type StoredCredential,
  verificationFailed,
  verifyAuthentication,
  verifyRegistration,
} from "./webauthn";

/** A WebAuthn factor row: its credential once verified (auth.mfa_factors.web_authn_credential). */
export type WebAuthnFactorRow = FactorRow & { web_authn_credential?: StoredCredential | null };

/** WebAuthn verification off: GoTrue's verify route answers it with the enroll code, challenge with its own. */
export function assertWebAuthnVerifyEnabled(settings: AuthSettings, route: "challenge" | "verify") {
  if (!settings.mfaWebAuthnVerifyEnabled) {
    const code = route === "verify" ? "mfa_webauthn_enroll_not_enabled" : "mfa_webauthn_verify_not_enabled";
    throw new AuthApiError(422, code, "MFA verification is disabled for WebAuthn");
  }
}

/** POST /factors {factor_type: "webauthn"}: an unverified factor; its credential comes with the first verify. */
export async function newWebAuthnFactor(db: Db, userId: string, friendlyName: string) {
  const id = randomUUID();
  await db.query(
    `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at)
     values ($1, $2, $3, 'webauthn', 'unverified', now(), now())`,
    [id, userId, friendlyName],
  );
  return { id, type: "webauthn" as const, friendly_name: friendlyName };
}

async function userCredentials(db: Db, userId: string): Promise<StoredCredential[]> {
  const { rows } = await db.query<{ web_authn_credential: StoredCredential }>(
    `select web_authn_credential from auth.mfa_factors
     where user_id = $1 and factor_type = 'webauthn' and web_authn_credential is not null order by created_at`,
    [userId],
  );
  return rows.map((row) => row.web_authn_credential);
}

/**
 * The ceremony of a WebAuthn factor's challenge: `create` (registration) while the factor is
 * unverified, `request` (an assertion by any of the user's WebAuthn credentials) once it is.
 */
export async function webAuthnChallenge(db: Db, settings: AuthSettings, user: User, factor: FactorRow) {
  const credentials = await userCredentials(db, user.id);
  if (factor.status === "verified") {
    const { options, session } = await authenticationOptions(settings, credentials, user.id);
    return { session, webauthn: { type: "request" as const, credential_options: { publicKey: options } } };
  }
  const { options, session } = await registrationOptions(
    settings,
    { id: user.id, email: user.email },
    credentials,
    false,
  );
  return { session, webauthn: { type: "create" as const, credential_options: { publicKey: options } } };
}

/** GoTrue's checks of the `webauthn` member of a verify request, before the challenge is looked at. */
export function webAuthnParams(value: unknown): { type: "create" | "request"; response: unknown } {
  if (typeof value !== "object" || value === null) throw validationFailed("WebAuthn config required");
  const params = value as Record<string, unknown>;
  if (params.type !== "create" && params.type !== "request") {
    throw validationFailed("WebAuthn type must be create or request");
  }
  if (params.credential_response === undefined || params.credential_response === null) {
    throw validationFailed("credential_response required");
  }
  return { type: params.type, response: params.credential_response };
}

/** Checks the ceremony's response; a registration stores the credential on the factor. */
export async function verifyWebAuthnFactor(
  db: Db,
  settings: AuthSettings,
  factor: WebAuthnFactorRow,
  session: CeremonySession,
  params: { type: "create" | "request"; response: unknown },
) {
  if (params.type === "create") {
    const response = registrationResponse(params.response);
    if (!response) throw validationFailed("Invalid credential_response");
    if (factor.status === "verified") throw verificationFailed();
    const credential = await verifyRegistration(settings, session, response);
    const stored: StoredCredential = {
      id: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports,
    };
    await db.query(
      "update auth.mfa_factors set web_authn_credential = $2, web_authn_aaguid = $3, updated_at = now() where id = $1",
      [factor.id, stored, credential.aaguid],
    );
    return;
  }
  const response = authenticationResponse(params.response);
  if (!response) throw validationFailed("Invalid credential_response");
  const { rows } = await db.query<WebAuthnFactorRow>(
    `select * from auth.mfa_factors where user_id = $1 and factor_type = 'webauthn' and status = 'verified'
       and web_authn_credential ->> 'id' = $2 for update`,
    [factor.user_id, response.id],
  );
  const owner = rows[0];
  const credential = owner?.web_authn_credential;
  if (!owner || !credential) throw verificationFailed();
  const counter = await verifyAuthentication(settings, session, response, credential);
  await db.query("update auth.mfa_factors set web_authn_credential = $2, updated_at = now() where id = $1", [
    owner.id,
    { ...credential, counter },
  ]);
}
