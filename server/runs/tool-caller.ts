import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

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

const CLIENT_INFO = { name: "tryliate-runs", version: "0.1.0" };

/**
 * Calls tools with the official MCP SDK over Streamable HTTP (legacy SSE when that fails), one
 * session per user and server kept open between calls. It sends no credentials: connecting with
 * the run owner's stored credentials is the MCP layer's job (server/mcp), which replaces this
 * connection step once it is there.
 */
export function createSdkToolCaller(lookup: ServerLookup): ToolCaller & { close(): Promise<void> } {
  const sessions = new Map<string, Promise<Client>>();

  const session = (userId: string, serverId: string): Promise<Client> => {
    const key = `${userId}\u0000${serverId}`;
    let client = sessions.get(key);
    if (!client) {
      client = (async () => {
        const server = await lookup(serverId);
        if (!server) throw new Error(`The MCP server "${serverId}" is not in the registry.`);
        return connect(new URL(server.url));
      })();
      sessions.set(key, client);
      client.then(
        (c) => {
          c.onclose = () => sessions.get(key) === client && sessions.delete(key);
        },
        () => sessions.get(key) === client && sessions.delete(key),
      );
    }
    return client;
  };

  return {
    async call({ userId, serverId, tool, args, signal, timeoutMs }) {
      const client = await session(userId, serverId);
      signal.throwIfAborted();
      return (await client.callTool({ name: tool, arguments: args }, undefined, { signal, timeout: timeoutMs })) as CallToolResult;
    },
    async close() {
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.all(open.map((c) => c.then((client) => client.close()).catch(() => {})));
    },
  };
}

async function connect(url: URL): Promise<Client> {
  const streamable = new Client(CLIENT_INFO, { capabilities: {} });
  try {
    await streamable.connect(new StreamableHTTPClientTransport(url), { timeout: 10_000 });
    return streamable;
  } catch (first) {
    await streamable.close().catch(() => {});
    const sse = new Client(CLIENT_INFO, { capabilities: {} });
    try {
      await sse.connect(new SSEClientTransport(url), { timeout: 10_000 });
      return sse;
    } catch {
      await sse.close().catch(() => {});
      throw new Error(`${url.host} did not answer as an MCP server: ${(first as Error).message.split("\n")[0]}`);
    }
  }
}
