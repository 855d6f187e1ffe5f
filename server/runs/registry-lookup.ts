import { getPrisma } from "@/server/platform/db/client";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { withPrivilegedDb } from "@/server/platform/db/privileged";
import { getServerEnv } from "@/server/platform/env/env";
import type { ServerLookup } from "./tool-caller";

/** The URL of a registry server, for the engine (which acts for no request). */
export function registryLookup(prisma?: PrismaClient): ServerLookup {
  return (serverId) =>
    withPrivilegedDb(
      "runs",
      (tx) => tx.mcpRegistry.findUnique({ where: { id: serverId }, select: { id: true, url: true } }),
      {
        prisma: prisma ?? getPrisma(getServerEnv().DATABASE_URL),
      },
    ).then((row) => (row?.url ? { id: row.id, url: row.url } : null));
}
