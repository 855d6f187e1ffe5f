import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/server/platform/db/generated/client";
import { processSingleton } from "@/server/platform/process-singleton";

/**
 * Connections each process (each serverless function instance) may open. Small, because on a
 * serverless host every instance has its own pool and they all share the project's pooler.
 */
export const DEFAULT_POOL_MAX = 5;

const clients = processSingleton("prisma-clients", () => new Map<string, PrismaClient>());
const pools = processSingleton("pg-pools", () => new WeakMap<PrismaClient, pg.Pool>());

/** One Prisma client (one pg pool of at most `max` connections) per connection string. */
export function getPrisma(connectionString: string, max = DEFAULT_POOL_MAX): PrismaClient {
  const key = `${max} ${connectionString}`;
  let client = clients.get(key);
  if (!client || poolOf(client)?.ending) {
    const pool = new pg.Pool({ connectionString, max });
    // A connection dropped while idle (a database restart) is replaced on next use, not fatal.
    pool.on("error", () => {});
    client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    clients.set(key, client);
    pools.set(client, pool);
  }
  return client;
}

/** The pg pool under a client made by getPrisma, for the few queries Prisma cannot send (one round trip, several statements). */
export function poolOf(client: PrismaClient): pg.Pool | undefined {
  return pools.get(client);
}
