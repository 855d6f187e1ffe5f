import { randomUUID } from "node:crypto";
import pg from "pg";
import type { JwtClaims } from "@/server/platform/db/claims";

export type TestUser = { id: string; email: string; claims: JwtClaims };

/**
 * Inserts a user straight into auth.users (the profile trigger makes public.users) and returns
 * Supabase-shaped JWT claims for it. For tests that need identities, not the Auth server.
 */
export async function insertTestUser(
  databaseUrl: string,
  options: { email?: string; appMetadata?: Record<string, unknown> } = {},
): Promise<TestUser> {
  const id = randomUUID();
  const sessionId = randomUUID();
  const email = options.email ?? `user-${id.slice(0, 8)}@example.test`;
  const appMetadata = { provider: "email", providers: ["email"], ...options.appMetadata };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data, email_confirmed_at)
       values ($1, 'authenticated', 'authenticated', $2, $3, '{}', now())`,
      [id, email, appMetadata],
    );
    await client.query(
      "insert into auth.sessions (id, user_id, created_at, updated_at, aal) values ($1, $2, now(), now(), 'aal1')",
      [sessionId, id],
    );
  } finally {
    await client.end();
  }
  const now = Math.floor(Date.now() / 1000);
  const claims: JwtClaims = {
    sub: id,
    aud: "authenticated",
    role: "authenticated",
    email,
    exp: now + 3600,
    iat: now,
    app_metadata: appMetadata,
    user_metadata: {},
    is_anonymous: false,
    session_id: sessionId,
    aal: "aal1",
  };
  return { id, email, claims };
}
