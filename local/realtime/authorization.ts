import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Claims } from "./tokens";

export type Extension = "broadcast" | "presence";
export type Permission = { read: boolean; write: boolean };
/** What a private channel's joiner may do, per extension (Supabase's Policies struct). */
export type Policies = Record<Extension, Permission>;

const EXTENSIONS: Extension[] = ["broadcast", "presence"];

/** Anything that can answer queries: the pool, or a client checked out of it. */
type Queryable = Pick<pg.Pool, "query">;

/**
 * Realtime Authorization, as Supabase Realtime does it: inside one transaction that is always
 * rolled back, a probe message per extension is inserted for the topic (as the server's own
 * role), then, as the joiner's role with their claims and `realtime.topic` set, the probes they
 * can SELECT through RLS are the extensions they may receive, and an INSERT that passes the
 * policies' WITH CHECK is one they may send or track. An error in a policy denies everything.
 */
export async function authorizeTopic(pool: pg.Pool, topic: string, claims: Claims): Promise<Policies> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("begin");
    return await probe(client, topic, claims);
  } catch (error) {
    if (!(error as { code?: string }).code) broken = true;
    return denied();
  } finally {
    await client.query("rollback").catch(() => {
      broken = true;
    });
    client.release(broken);
  }
}

async function probe(db: Queryable, topic: string, claims: Claims): Promise<Policies> {
  const ids = Object.fromEntries(EXTENSIONS.map((extension) => [extension, randomUUID()])) as Record<
    Extension,
    string
  >;
  await db.query(
    `insert into realtime.messages (id, topic, extension, private)
     select id, $1, extension, true from unnest($2::uuid[], $3::text[]) as probe(id, extension)`,
    [topic, Object.values(ids), Object.keys(ids)],
  );
  await db.query(
    `select set_config('role', $1, true),
            set_config('realtime.topic', $2, true),
            set_config('request.jwt.claims', $3, true),
            set_config('request.jwt.claim.sub', $4, true),
            set_config('request.jwt.claim.role', $1, true),
            set_config('request.headers', '{}', true)`,
    [claims.role, topic, JSON.stringify(claims), typeof claims.sub === "string" ? claims.sub : ""],
  );
  const { rows } = await db.query<{ id: string }>(
    "select id from realtime.messages where id = any($1::uuid[])",
    [Object.values(ids)],
  );
  const readable = new Set(rows.map((row) => row.id));
  const policies = denied();
  for (const extension of EXTENSIONS) {
    policies[extension].read = readable.has(ids[extension]);
    await db.query("savepoint write_probe");
    try {
      await db.query("insert into realtime.messages (topic, extension, private) values ($1, $2, true)", [
        topic,
        extension,
      ]);
      policies[extension].write = true;
    } catch (error) {
      // 42501 insufficient_privilege: the policies' WITH CHECK refused it.
      if ((error as { code?: string }).code !== "42501") throw error;
    }
    await db.query("rollback to savepoint write_probe");
  }
  return policies;
}

function denied(): Policies {
  return { broadcast: { read: false, write: false }, presence: { read: false, write: false } };
}

export function canReadAny(policies: Policies): boolean {
  return policies.broadcast.read || policies.presence.read;
}
