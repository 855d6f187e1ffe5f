import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { SessionPool } from "./session-pool";
import { connectAsUser, type ServerRef, sessionKey, sessions, type UserSessionOptions } from "./user-session";

/** Calls a tool as a user, on a session reused per user and server. */
export async function callToolAsUser(
  userId: string,
  server: ServerRef,
  tool: string,
  args: Record<string, unknown>,
  options: UserSessionOptions & { pool?: SessionPool },
): Promise<CallToolResult> {
  const pool = options.pool ?? sessions;
  return pool.use(
    sessionKey(userId, server.id),
    () => connectAsUser(userId, server, options),
    async ({ client }) =>
      (await client.callTool({ name: tool, arguments: args }, undefined, { timeout: options.timeoutMs ?? 30_000 })) as CallToolResult,
  );
}
