import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

/**
 * Connections each process (each serverless function instance) may open. Small, because on a
 * serverless host every instance has its own pool and they all share the project's pooler.
 */
export const DEFAULT_POOL_MAX = 5;

// Kept on globalThis so Next.js hot reloads do not open a new pool each time.
const holder = globalThis as { __tryliatePrisma?: Map<string, PrismaClient> };
const clients = holder.__tryliatePrisma ?? new Map<string, PrismaClient>();
holder.__tryliatePrisma = clients;

/** One Prisma client (one pg pool of at most `max` connections) per connection string. */
export function getPrisma(connectionString: string, max = DEFAULT_POOL_MAX): PrismaClient {
  const key = `${max} ${connectionString}`;
  let client = clients.get(key);
  if (!client) {
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
    clients.set(key, client);
  }
  return client;
}
