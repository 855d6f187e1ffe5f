import type { RlsTransaction } from "@/server/db/with-rls";
import { listRegistry, type RegistryServer } from "@/server/services/registry";

export type RegistryWithStatus = RegistryServer & {
  connection: "idle" | "verified" | "revoked" | "not connected";
};

/**
 * The registry with this user's connection status per server, under their RLS. (The MCP
 * connections service is being built elsewhere; until it lands this reads the user's own
 * `mcp_authorizations` rows directly, status only, never credentials.)
 */
export async function registryWithStatus(tx: RlsTransaction, userId: string): Promise<RegistryWithStatus[]> {
  const servers = await listRegistry(tx);
  const rows = await tx.mcpAuthorization.findMany({
    where: { userId },
    select: { serverName: true, status: true },
  });
  const status = new Map(rows.map((r) => [r.serverName, r.status]));
  return servers.map((s) => {
    const found = status.get(s.id) ?? status.get(s.name);
    const connection =
      found === "idle" || found === "verified" || found === "revoked" ? found : "not connected";
    return { ...s, connection };
  });
}
