import { randomUUID } from "node:crypto";
import type pg from "pg";
import { validationFailed } from "./errors";
import { type FactorRow, factorJson, listFactors } from "./factors";

export type Db = pg.Pool | pg.PoolClient;

export type UserRow = {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown>;
  raw_user_meta_data: Record<string, unknown>;
  is_anonymous: boolean;
  banned_until: Date | null;
  created_at: Date;
  updated_at: Date;
  confirmation_token: string | null;
  confirmation_sent_at: Date | null;
  recovery_token: string | null;
  recovery_sent_at: Date | null;
  email_change: string | null;
  email_change_token_new: string | null;
  email_change_token_current: string | null;
  email_change_confirm_status: number | null;
  email_change_sent_at: Date | null;
  reauthentication_token: string | null;
  reauthentication_sent_at: Date | null;
  invited_at: Date | null;
};

type IdentityRow = {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  last_sign_in_at: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  email: string | null;
};

export type User = UserRow & { identities: IdentityRow[]; factors: FactorRow[] };

const USER_COLUMNS = `id, aud, role, email, encrypted_password, email_confirmed_at, confirmed_at, last_sign_in_at,
  raw_app_meta_data, raw_user_meta_data, is_anonymous, banned_until, created_at, updated_at,
  confirmation_token, confirmation_sent_at, recovery_token, recovery_sent_at, email_change, email_change_token_new,
  email_change_token_current, email_change_confirm_status, email_change_sent_at, reauthentication_token,
  reauthentication_sent_at, invited_at`;

// The HTML5 e-mail pattern GoTrue validates with (plus its 255-character column limit).
const EMAIL_PATTERN =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** GoTrue's validateEmail: required, well-formed, stored lower-case. */
export function normalizeEmail(value: unknown): string {
  const email = typeof value === "string" ? value.trim() : "";
  if (!email) throw validationFailed("An email address is required");
  if (email.length > 255 || !EMAIL_PATTERN.test(email)) {
    throw validationFailed("Unable to validate email address: invalid format");
  }
  return email.toLowerCase();
}

async function withIdentities(db: Db, row: UserRow | undefined): Promise<User | null> {
  if (!row) return null;
  // Side by side (on a pool, two connections): a known address should cost no more round trips
  // than before factors existed, so sign-in timing does not tell known addresses apart.
  const [identities, factors] = await Promise.all([
    db.query<IdentityRow>("select * from auth.identities where user_id = $1 order by created_at, id", [
      row.id,
    ]),
    listFactors(db, row.id),
  ]);
  return { ...row, identities: identities.rows, factors };
}

export async function findUserById(db: Db, id: string, forUpdate = false): Promise<User | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where id = $1 and deleted_at is null${forUpdate ? " for update" : ""}`,
    [id],
  );
  return withIdentities(db, rows[0]);
}

export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where lower(email) = lower($1) and deleted_at is null`,
    [email],
  );
  return withIdentities(db, rows[0]);
}

export function isBanned(user: UserRow): boolean {
  return !!user.banned_until && user.banned_until.getTime() > Date.now();
}

export type NewEmailUser = {
  email: string;
  /** null: a user without a password (cannot sign in with one). */
  passwordHash: string | null;
  userMetadata?: Record<string, unknown>;
  appMetadata?: Record<string, unknown>;
  /** Defaults to true: autoconfirm, as local signups are. */
  confirmed?: boolean;
};

/**
 * Inserts an e-mail user with its `email` identity, as GoTrue's signup does with autoconfirm on
 * (a confirmed user's user_metadata gets `email_verified: true`). The caller owns the transaction.
 */
export async function insertEmailUser(db: Db, input: NewEmailUser): Promise<User> {
  const id = randomUUID();
  const confirmed = input.confirmed ?? true;
  const appMetadata = { provider: "email", providers: ["email"], ...input.appMetadata };
  const userMetadata = confirmed
    ? { ...input.userMetadata, email_verified: true }
    : { ...input.userMetadata };
  await db.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
       raw_app_meta_data, raw_user_meta_data, is_anonymous, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, $3,
       case when $6::boolean then now() end, $4, $5, false, now(), now())`,
    [id, input.email, input.passwordHash, appMetadata, userMetadata, confirmed],
  );
  const identityData = {
    ...input.userMetadata,
    sub: id,
    email: input.email,
    email_verified: confirmed,
    phone_verified: false,
  };
  await db.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values ($1::text, $1::uuid, $2, 'email', now(), now(), now())`,
    [id, identityData],
  );
  const user = await findUserById(db, id);
  if (!user) throw new Error("user vanished right after insert");
  return user;
}

/** Go's time.Time JSON: RFC 3339 UTC, fractional seconds without trailing zeros. */
export function goTime(date: Date): string {
  return date.toISOString().replace(/\.?0+Z$/, "Z");
}

function optionalTimes(entries: Record<string, Date | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) if (value) out[key] = goTime(value);
  return out;
}

/** The user object GoTrue returns (models.User JSON): null timestamps are omitted. */
export function userJson(user: User) {
  return {
    id: user.id,
    aud: user.aud ?? "",
    role: user.role ?? "",
    email: user.email ?? "",
    ...optionalTimes({ email_confirmed_at: user.email_confirmed_at, invited_at: user.invited_at }),
    phone: "",
    ...optionalTimes({
      confirmed_at: user.confirmed_at,
      confirmation_sent_at: user.confirmation_sent_at,
      recovery_sent_at: user.recovery_sent_at,
    }),
    ...(user.email_change ? { new_email: user.email_change } : {}),
    ...optionalTimes({
      email_change_sent_at: user.email_change_sent_at,
      last_sign_in_at: user.last_sign_in_at,
    }),
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: user.identities.map((identity) => ({
      identity_id: identity.id,
      id: identity.provider_id,
      user_id: identity.user_id,
      identity_data: identity.identity_data,
      provider: identity.provider,
      ...optionalTimes({
        last_sign_in_at: identity.last_sign_in_at,
        created_at: identity.created_at,
        updated_at: identity.updated_at,
      }),
      email: identity.email ?? "",
    })),
    created_at: goTime(user.created_at),
    updated_at: goTime(user.updated_at),
    ...(user.factors.length ? { factors: user.factors.map(factorJson) } : {}),
    ...optionalTimes({ banned_until: user.banned_until }),
    is_anonymous: user.is_anonymous,
  };
}
