import { AuthApiError } from "./errors";
import { type Db, goTime } from "./users";
import {
  type CeremonySession,
  type NewCredential,
  type StoredCredential,
  WEBAUTHN_CHALLENGE_TTL_SECONDS,
  webauthnError,
} from "./webauthn";

type ChallengeType = "registration" | "authentication";

export type PasskeyRow = {
  id: string;
  user_id: string;
  credential_id: Buffer;
  public_key: Buffer;
  sign_count: string;
  transports: string[];
  friendly_name: string;
  created_at: Date;
  last_used_at: Date | null;
};

/** A passkey as the /passkeys routes return it (GoTrue's PasskeyListItem). */
export function passkeyJson(row: PasskeyRow) {
  return {
    id: row.id,
    ...(row.friendly_name ? { friendly_name: row.friendly_name } : {}),
    created_at: goTime(row.created_at),
    ...(row.last_used_at ? { last_used_at: goTime(row.last_used_at) } : {}),
  };
}

export function storedCredential(row: PasskeyRow): StoredCredential {
  return {
    id: row.credential_id.toString("base64url"),
    publicKey: row.public_key.toString("base64url"),
    counter: Number(row.sign_count),
    transports: row.transports ?? [],
  };
}

export async function listPasskeys(db: Db, userId: string): Promise<PasskeyRow[]> {
  const { rows } = await db.query<PasskeyRow>(
    "select * from auth.webauthn_credentials where user_id = $1 order by created_at, id",
    [userId],
  );
  return rows;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user's own passkey by id; anyone else's, or a malformed id, is GoTrue's 404 "Passkey not found". */
export async function findOwnPasskey(db: Db, userId: string, id: string): Promise<PasskeyRow> {
  const { rows } = UUID.test(id)
    ? await db.query<PasskeyRow>("select * from auth.webauthn_credentials where id = $1 and user_id = $2", [
        id,
        userId,
      ])
    : { rows: [] };
  const row = rows[0];
  if (!row) throw new AuthApiError(404, "validation_failed", "Passkey not found");
  return row;
}

export async function findPasskeyByCredentialId(db: Db, credentialId: string): Promise<PasskeyRow | null> {
  const { rows } = await db.query<PasskeyRow>(
    "select * from auth.webauthn_credentials where credential_id = $1",
    [Buffer.from(credentialId, "base64url")],
  );
  return rows[0] ?? null;
}

/** Inserts a verified credential; false when that credential is registered already. */
export async function insertPasskey(
  db: Db,
  userId: string,
  credential: NewCredential,
  friendlyName: string,
): Promise<PasskeyRow | null> {
  const { rows } = await db.query<PasskeyRow>(
    `insert into auth.webauthn_credentials (user_id, credential_id, public_key, attestation_type, aaguid, sign_count,
       transports, backup_eligible, backed_up, friendly_name)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (credential_id) do nothing returning *`,
    [
      userId,
      Buffer.from(credential.id, "base64url"),
      Buffer.from(credential.publicKey, "base64url"),
      credential.attestationType,
      credential.aaguid,
      credential.counter,
      JSON.stringify(credential.transports),
      credential.backupEligible,
      credential.backedUp,
      friendlyName,
    ],
  );
  return rows[0] ?? null;
}

/** Stores a ceremony's challenge; returns its id and expiry (seconds since the epoch). */
export async function saveChallenge(
  db: Db,
  type: ChallengeType,
  userId: string | null,
  session: CeremonySession,
) {
  const { rows } = await db.query<{ id: string; expires_at: Date }>(
    `insert into auth.webauthn_challenges (user_id, challenge_type, session_data, expires_at)
     values ($1, $2, $3, now() + make_interval(secs => $4)) returning id, expires_at`,
    [userId, type, session, WEBAUTHN_CHALLENGE_TTL_SECONDS],
  );
  const row = rows[0];
  if (!row) throw new Error("challenge insert returned nothing");
  return { id: row.id, expiresAt: Math.floor(row.expires_at.getTime() / 1000) };
}

/**
 * Takes a challenge out, so it answers once (GoTrue's ConsumeWebAuthnChallengeByID), after the
 * request's own checks: `challenge_id` and `credential` present, the id a UUID.
 */
export async function consumeChallenge(
  db: Db,
  type: ChallengeType,
  userId: string | null,
  body: Record<string, unknown>,
): Promise<CeremonySession> {
  const challengeId = typeof body.challenge_id === "string" ? body.challenge_id : "";
  if (!challengeId) throw webauthnError("validation_failed", "challenge_id is required");
  if (body.credential === undefined || body.credential === null)
    throw webauthnError("validation_failed", "credential is required");
  if (!UUID.test(challengeId)) throw webauthnError("validation_failed", "challenge_id must be a valid UUID");
  const { rows } = await db.query<{ session_data: CeremonySession; expired: boolean }>(
    `delete from auth.webauthn_challenges where id = $1 and challenge_type = $2 and user_id is not distinct from $3
     returning session_data, expires_at < now() as expired`,
    [challengeId, type, userId],
  );
  const row = rows[0];
  if (!row) throw webauthnError("webauthn_challenge_not_found", "Challenge not found or already used");
  if (row.expired) throw webauthnError("webauthn_challenge_expired", "Challenge has expired");
  return row.session_data;
}
