import "server-only";
import { getServerEnv } from "@/server/platform/env/env";
import { getPrisma } from "./client";

/** The app's Prisma client: DATABASE_URL with a pool of TRYLIATE_DB_POOL_MAX connections. */
export function getAppPrisma() {
  const env = getServerEnv();
  return getPrisma(env.DATABASE_URL, env.TRYLIATE_DB_POOL_MAX);
}
