import { randomUUID } from "node:crypto";
import type pg from "pg";
import { inTransaction } from "./db";
import { type AuthApiError, badRequest } from "./errors";
import { type AmrEntry, newRefreshTokenString } from "./tokens";
import { type Db, findUserById, isBanned, type User } from "./users";

export type ClientInfo = { userAgent: string | null; ip: string | null };

async function insertRefreshToken(db: Db, userId: string, sessionId: string, parent: string | null) {
  const token = newRefreshTokenString();
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4)`,
    [token, userId, parent, sessionId],
  );
  return token;
}

/** GoTrue's GrantAuthenticatedUser + AddClaimToSession: a new session and its first refresh token. */
export async function createSession(db: Db, user: User, method: string, client: ClientInfo) {
  const sessionId = randomUUID();
  await db.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
     values ($1, $2, now(), now(), 'aal1', $3, $4)`,
    [sessionId, user.id, client.userAgent, client.ip],
  );
  const refreshToken = await insertRefreshToken(db, user.id, sessionId, null);
  await db.query(
    `insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
     values ($1, now(), now(), $2, $3)
     on conflict (session_id, authentication_method) do update set updated_at = now()`,
    [sessionId, method, randomUUID()],
  );
  await db.query("update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1", [
    user.id,
  ]);
  await db.query(
    "update auth.identities set last_sign_in_at = now() where user_id = $1 and provider = 'email'",
    [user.id],
  );
  return { sessionId, refreshToken };
}

/** The session's assurance level (auth.sessions.aal). */
export async function sessionAal(db: Db, sessionId: string): Promise<string> {
  const { rows } = await db.query<{ aal: string | null }>("select aal from auth.sessions where id = $1", [
    sessionId,
  ]);
  return rows[0]?.aal ?? "aal1";
}

/** A verified factor lifts the session to aal2 and adds its method to the `amr` (GoTrue's updateMFASessionAndClaims). */
export async function upgradeSessionToAal2(db: Db, sessionId: string, factorId: string, method = "totp") {
  await db.query("update auth.sessions set aal = 'aal2', factor_id = $2, updated_at = now() where id = $1", [
    sessionId,
    factorId,
  ]);
  await db.query(
    `insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
     values ($1, now(), now(), $3, $2)
     on conflict (session_id, authentication_method) do update set updated_at = now()`,
    [sessionId, randomUUID(), method],
  );
}

/** A further refresh token for an existing session (its earlier ones stay as they are). */
export function addRefreshToken(db: Db, userId: string, sessionId: string) {
  return insertRefreshToken(db, userId, sessionId, null);
}

/** The `amr` claim of a session: one entry per method, timestamped when it was last used. */
export async function sessionAmr(db: Db, sessionId: string): Promise<AmrEntry[]> {
  const { rows } = await db.query<{ method: string; at: Date }>(
    `select authentication_method as method, updated_at as at from auth.mfa_amr_claims
     where session_id = $1 order by updated_at desc`,
    [sessionId],
  );
  return rows.map((row) => ({ method: row.method, timestamp: Math.floor(row.at.getTime() / 1000) }));
}

type TokenRow = {
  id: string;
  token: string;
  user_id: string;
  revoked: boolean;
  updated_at: Date;
  parent: string | null;
  session_id: string | null;
  session_exists: boolean;
  not_after: Date | null;
};

async function findToken(db: Db, token: string, forUpdate: boolean): Promise<TokenRow | undefined> {
  const { rows } = await db.query<TokenRow>(
    `select t.id, t.token, t.user_id, t.revoked, t.updated_at, t.parent, t.session_id,
            s.id is not null as session_exists, s.not_after
     from auth.refresh_tokens t left join auth.sessions s on s.id = t.session_id
     where t.token = $1${forUpdate ? " for update of t" : ""}`,
    [token],
  );
  return rows[0];
}

/**
 * The refresh_token grant (GoTrue's classic RefreshTokenGrant): rotates the token. A revoked
 * token is accepted only as the parent of the session's active token (the client lost the last
 * answer; it gets that active token back) or within the reuse interval; otherwise the session
 * ends (as GoTrue's LogoutSession on reuse) and the grant fails with refresh_token_already_used.
 */
export async function refreshTokenGrant(
  pool: pg.Pool,
  refreshToken: string,
  reuseIntervalSeconds: number,
  client: ClientInfo,
): Promise<{ user: User; sessionId: string; refreshToken: string }> {
  const found = await findToken(pool, refreshToken, false);
  if (!found) throw badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
  const owner = await findUserById(pool, found.user_id);
  if (!owner) throw badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
  if (isBanned(owner)) throw badRequest("user_banned", "Invalid Refresh Token: User Banned");
  if (!found.session_id || !found.session_exists) {
    throw badRequest("session_not_found", "Invalid Refresh Token: No Valid Session Found");
  }
  if (found.not_after && found.not_after.getTime() < Date.now()) {
    throw badRequest("session_expired", "Invalid Refresh Token: Session Expired");
  }

  let refused: AuthApiError | null = null;
  const result = await inTransaction(pool, async (db) => {
    const token = await findToken(db, refreshToken, true);
    const sessionId = token?.session_id;
    if (!token || !sessionId || !token.session_exists) {
      throw badRequest("session_not_found", "Invalid Refresh Token: No Valid Session Found");
    }
    let issued: string | null = null;
    if (token.revoked) {
      const { rows } = await db.query<{ token: string; parent: string | null }>(
        `select token, parent from auth.refresh_tokens where session_id = $1 and revoked = false
         order by id desc limit 1`,
        [sessionId],
      );
      const active = rows[0];
      if (active && active.parent === token.token) {
        issued = active.token;
      } else if (Date.now() > token.updated_at.getTime() + reuseIntervalSeconds * 1000) {
        // Possible theft: the session ends, every refresh token with it (cascade) and, for
        // whoever checks sessions (/user, the app's tRPC), its access tokens too. Revoking the
        // tokens in place would stamp them updated_at = now() and reopen their reuse interval.
        await db.query("delete from auth.sessions where id = $1", [sessionId]);
        // Committed on purpose: the session stays ended although the grant fails.
        refused = badRequest("refresh_token_already_used", "Invalid Refresh Token: Already Used");
        return null;
      }
    }
    if (!issued) {
      await db.query("update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1", [
        token.id,
      ]);
      issued = await insertRefreshToken(db, token.user_id, sessionId, token.token);
    }
    await db.query(
      `update auth.sessions set refreshed_at = timezone('utc', now()), updated_at = now(), user_agent = $2, ip = $3
       where id = $1`,
      [sessionId, client.userAgent, client.ip],
    );
    const user = await findUserById(db, token.user_id);
    if (!user) throw badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
    return { user, sessionId, refreshToken: issued };
  });
  if (refused) throw refused;
  if (!result) throw new Error("refresh grant produced no result");
  return result;
}

export type LogoutScope = "global" | "local" | "others";

/** GoTrue's Logout / LogoutSession / LogoutAllExceptMe: sessions go, their tokens with them. */
export async function logout(db: Db, userId: string, sessionId: string | null, scope: LogoutScope) {
  if (sessionId && scope === "local") {
    await db.query("delete from auth.sessions where id = $1", [sessionId]);
  } else if (sessionId && scope === "others") {
    await db.query("delete from auth.sessions where user_id = $1 and id <> $2", [userId, sessionId]);
  } else {
    await db.query("delete from auth.sessions where user_id = $1", [userId]);
  }
}
