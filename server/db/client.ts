import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

// Kept on globalThis so Next.js hot reloads do not open a new pool each time.
const holder = globalThis as { __tryliatePrisma?: Map<string, PrismaClient> };
const clients = holder.__tryliatePrisma ?? new Map<string, PrismaClient>();
holder.__tryliatePrisma = clients;

/** One Prisma client per connection string. */
export function getPrisma(connectionString: string): PrismaClient {
  let client = clients.get(connectionString);
  if (!client) {
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
    clients.set(connectionString, client);
  }
  return client;
}
