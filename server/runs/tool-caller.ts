import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { SessionPool } from "@/server/mcp";
import { callToolAsUser, explainMcpError, sessions, type ToolCallOptions } from "@/server/mcp";
import { isAppError } from "@/server/platform/errors/app-error";
import { StepError } from "./step-error";

export type ToolCall = {
  /** The run's owner: the call is made with this user's credentials for the server. */
  userId: string;
  serverId: string;
  tool: string;
  args: Record<string, unknown>;
  /** Aborts the in-flight call (the SDK sends the server a cancellation). */
  signal: AbortSignal;
  timeoutMs: number;
};

/** How a tool step reaches MCP servers; the runner knows nothing else about MCP. */
export interface ToolCaller {
  call(request: ToolCall): Promise<CallToolResult>;
}

export type ServerLookup = (serverId: string) => Promise<{ id: string; url: string } | null>;

/** How the MCP layer is reached; the app's defaults (stored credentials, guarded fetch, shared sessions) when left out. */
export type SdkToolCallerOptions = Pick<ToolCallOptions, "appOrigin" | "store" | "fetch"> & {
  pool?: SessionPool;
};

/**
 * Calls tools through the MCP layer (`callToolAsUser`): the run owner's stored credentials, the
 * guarded fetch, one session per user and server shared with the rest of the app (so revoking a
 * connection closes the session a run uses), and the run's signal on every call.
 */
export function createSdkToolCaller(
  lookup: ServerLookup,
  options: SdkToolCallerOptions,
): ToolCaller & { close(): Promise<void> } {
  const pool = options.pool ?? sessions;
  const find = cachedLookup(lookup);
  return {
    async call({ userId, serverId, tool, args, signal, timeoutMs }) {
      const server = await find(serverId);
      if (!server) throw new StepError(`The MCP server "${serverId}" is not in the registry.`, false);
      try {
        return await callToolAsUser(userId, server, tool, args, { ...options, pool, signal, timeoutMs });
      } catch (error) {
        if (signal.aborted) throw error;
        const explained = explainMcpError(error, serverId);
        // Trying again cannot help until the person reconnects or the keyring is fixed.
        if (isAppError(explained)) {
          // A run's log is read away from the Connections page: the step says where to go.
          if (explained.code === "mcp.needs_authorization")
            throw new StepError(
              `${explained.message} Connect it on the Connections page, then run again.`,
              false,
            );
          if (explained.code === "mcp.connection_revoked" || explained.code === "mcp.credentials_unreadable")
            throw new StepError(explained.message, false);
        }
        throw error;
      }
    },
    close: () => pool.closeAll(),
  };
}

const LOOKUP_TTL_MS = 5_000;

/** Registry addresses for a few seconds, so a long chain does not read the registry at every step. */
function cachedLookup(lookup: ServerLookup): ServerLookup {
  const found = new Map<string, { at: number; server: Promise<{ id: string; url: string } | null> }>();
  return (serverId) => {
    const hit = found.get(serverId);
    if (hit && performance.now() - hit.at < LOOKUP_TTL_MS) return hit.server;
    const server = lookup(serverId);
    found.set(serverId, { at: performance.now(), server });
    server.catch(() => found.delete(serverId));
    return server;
  };
}
