import type { PrismaClient } from "@/server/platform/db/generated/client";
import { Prisma } from "@/server/platform/db/generated/client";
import {
  type PrivilegedReason,
  type PrivilegedTransaction,
  withPrivilegedDb,
} from "@/server/platform/db/privileged";

/**
 * The MCP credentials' path through the privileged module: signed-in users cannot read
 * `credentials` (column privileges) nor write `mcp_authorizations`, so the server does it here, as
 * `service_role`. Every function scopes itself by the user id or row id it is given.
 */
export type AuthorizationRow = {
  id: string;
  userId: string;
  serverName: string;
  status: string;
  credentials: unknown;
};
export type AuthorizationWrite = {
  status?: "idle" | "verified" | "revoked";
  credentials?: unknown | null;
  oauthState?: { hash: string; expiresAt: Date } | null;
};

const columns = { id: true, userId: true, serverName: true, status: true, credentials: true } as const;

function privileged<T>(
  db: PrismaClient | undefined,
  fn: (tx: PrivilegedTransaction) => Promise<T>,
  reason: PrivilegedReason = "mcp-credentials",
) {
  return withPrivilegedDb(reason, fn, db ? { prisma: db } : {});
}

export async function readAuthorization(
  userId: string,
  serverName: string,
  db?: PrismaClient,
): Promise<AuthorizationRow | null> {
  return privileged(db, (tx) =>
    tx.mcpAuthorization.findUnique({ where: { userId_serverName: { userId, serverName } }, select: columns }),
  );
}

export async function writeAuthorization(
  userId: string,
  serverName: string,
  change: AuthorizationWrite,
  db?: PrismaClient,
): Promise<AuthorizationRow> {
  const data = {
    ...(change.status ? { status: change.status } : {}),
    ...(change.credentials !== undefined ? { credentials: change.credentials ?? Prisma.DbNull } : {}),
    ...(change.oauthState !== undefined
      ? {
          oauthStateHash: change.oauthState?.hash ?? null,
          oauthStateExpiresAt: change.oauthState?.expiresAt ?? null,
        }
      : {}),
  };
  return privileged(db, (tx) =>
    tx.mcpAuthorization.upsert({
      where: { userId_serverName: { userId, serverName } },
      create: { userId, serverName, ...data },
      update: data,
      select: columns,
    }),
  );
}

/** Takes a pending OAuth state once: the row it belonged to, or null when unknown, used or expired. */
export async function consumeOAuthState(
  userId: string,
  stateHash: string,
  db?: PrismaClient,
): Promise<{ serverName: string } | null> {
  const rows = await privileged(
    db,
    (tx) => tx.$queryRaw<Array<{ server_name: string; fresh: boolean }>>`
    update public.mcp_authorizations a
       set oauth_state_hash = null, oauth_state_expires_at = null
      from (select id, oauth_state_expires_at > now() as fresh from public.mcp_authorizations
             where user_id = ${userId}::uuid and oauth_state_hash = ${stateHash} for update) pending
     where a.id = pending.id
    returning a.server_name, pending.fresh`,
  );
  const row = rows[0];
  return row?.fresh ? { serverName: row.server_name } : null;
}

export async function deleteAuthorizationsOf(serverName: string, db?: PrismaClient): Promise<number> {
  const { count } = await privileged(db, (tx) => tx.mcpAuthorization.deleteMany({ where: { serverName } }));
  return count;
}

/** Rows whose envelope was sealed with another key than `currentKeyId` (for rotation). */
export async function authorizationsNotSealedWith(
  currentKeyId: string,
  limit: number,
  db?: PrismaClient,
): Promise<AuthorizationRow[]> {
  type Row = { id: string; user_id: string; server_name: string; status: string; credentials: unknown };
  const rows = await privileged(
    db,
    (tx) => tx.$queryRaw<Row[]>`
    select id, user_id, server_name, status, credentials from public.mcp_authorizations
     where credentials is not null and coalesce(credentials ->> 'kid', '') <> ${currentKeyId}
     order by id limit ${limit}`,
    "mcp-credentials-rotation",
  );
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    serverName: row.server_name,
    status: row.status,
    credentials: row.credentials,
  }));
}

/** Replaces an envelope only if the row still holds `previous` (a concurrent write wins). */
export async function replaceCredentials(
  id: string,
  previous: unknown,
  next: unknown,
  db?: PrismaClient,
): Promise<boolean> {
  const changed = await privileged(
    db,
    (tx) => tx.$executeRaw`
    update public.mcp_authorizations set credentials = ${JSON.stringify(next)}::jsonb
     where id = ${id}::uuid and credentials = ${JSON.stringify(previous)}::jsonb`,
    "mcp-credentials-rotation",
  );
  return changed === 1;
}
