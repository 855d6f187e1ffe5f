import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { SessionPool } from "./session-pool";
import { connectAsUser, type ServerRef, sessionKey, sessions, type UserSessionOptions } from "./user-session";

export type ToolCallOptions = UserSessionOptions & {
  pool?: SessionPool;
  /** Aborts the call in flight; the SDK tells the server (notifications/cancelled). */
  signal?: AbortSignal;
};

/** Calls a tool as a user, on a session reused per user and server. */
export async function callToolAsUser(
  userId: string,
  server: ServerRef,
  tool: string,
  args: Record<string, unknown>,
  options: ToolCallOptions,
): Promise<CallToolResult> {
  const pool = options.pool ?? sessions;
  return pool.use(
    sessionKey(userId, server.id),
    () => connectAsUser(userId, server, options),
    async ({ client }) => {
      options.signal?.throwIfAborted();
      const request = { timeout: options.timeoutMs ?? 30_000, signal: options.signal };
      return (await client.callTool({ name: tool, arguments: args }, undefined, request)) as CallToolResult;
    },
  );
}

const INVALID_PARAMS = /^MCP error -32602\b/;

/**
 * Whether a tool's error result is the server refusing the arguments (-32602). SDK servers answer
 * a schema mismatch with an `isError` result whose text is that error, not a JSON-RPC error; either
 * way the same arguments would be refused again.
 */
export function refusesArguments(result: Pick<CallToolResult, "content" | "isError">): boolean {
  if (!result.isError || !Array.isArray(result.content)) return false;
  return result.content.some((part) => part.type === "text" && INVALID_PARAMS.test(part.text));
}
