import type pg from "pg";
import { inTransaction } from "./db";
import { AuthApiError } from "./errors";
import { assertPasswordAcceptable, hashPassword } from "./passwords";
import { ensureAuthSchema } from "./schema";
import { findUserByEmail, insertEmailUser, normalizeEmail } from "./users";

export type CreateUserInput = {
  email: string;
  password: string;
  userMetadata?: Record<string, unknown>;
  appMetadata?: Record<string, unknown>;
};

export type CreatedUser = { id: string; email: string };

function plainMessage(error: unknown): never {
  // Admin callers (CLI, dev command) want a sentence, not an HTTP error.
  if (error instanceof AuthApiError) throw new Error(error.message);
  throw error;
}

/**
 * Creates a confirmed e-mail/password user (with its identity; the trigger makes the profile),
 * like the dashboard's "Add user". Throws when the e-mail is taken or the password is too weak.
 */
export async function createUser(pool: pg.Pool, input: CreateUserInput): Promise<CreatedUser> {
  let email: string;
  try {
    email = normalizeEmail(input.email);
    assertPasswordAcceptable(input.password);
  } catch (error) {
    plainMessage(error);
  }
  await ensureAuthSchema(pool);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(pool, async (db) => {
    await db.query("select pg_advisory_xact_lock(hashtext('auth.signup:' || $1::text))", [email]);
    if (await findUserByEmail(db, email)) throw new Error(`A user with the email ${email} already exists`);
    const user = await insertEmailUser(db, {
      email,
      passwordHash,
      userMetadata: input.userMetadata,
      appMetadata: input.appMetadata,
    });
    return { id: user.id, email: user.email ?? email };
  });
}

/**
 * Sets (role = 'admin', …) or clears (null) `raw_app_meta_data.role` of the user with this
 * e-mail; the user's next access token carries it in `app_metadata.role`. Returns the user.
 */
export async function setUserRole(pool: pg.Pool, email: string, role: string | null): Promise<CreatedUser> {
  if (role !== null && (typeof role !== "string" || !role.trim()))
    throw new Error("The role must be a non-empty string");
  const { rows } = await pool.query<CreatedUser>(
    `update auth.users
     set raw_app_meta_data = case when $2::text is null then raw_app_meta_data - 'role'
                                  else raw_app_meta_data || jsonb_build_object('role', $2::text) end,
         updated_at = now()
     where lower(email) = lower($1) and deleted_at is null
     returning id, email`,
    [email.trim(), role],
  );
  const user = rows[0];
  if (!user) throw new Error(`No user with the email ${email.trim()}`);
  return user;
}
