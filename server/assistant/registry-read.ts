import { listConnections, listRegistry, type RegistryServer } from "@/server/mcp";
import type { RlsTransaction } from "@/server/platform/db/with-rls";

export type RegistryWithStatus = RegistryServer & {
  connection: "idle" | "verified" | "revoked" | "not connected";
};

/**
 * The registry with this user's connection status per server, from the MCP connections service
 * (the Connections page's own list), in the caller's transaction under their RLS. Statuses only:
 * credentials never reach the assistant.
 */
export async function registryWithStatus(tx: RlsTransaction, userId: string): Promise<RegistryWithStatus[]> {
  const servers = await listRegistry(tx);
  const connections = await listConnections((fn) => fn(tx), userId);
  const byServer = new Map(connections.map((c) => [c.serverId, c]));
  return servers.map((s) => {
    const found = byServer.get(s.id);
    return { ...s, connection: found?.authorizationId ? found.status : "not connected" };
  });
}
