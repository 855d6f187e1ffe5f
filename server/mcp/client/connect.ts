import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { withDeadline } from "./deadline-fetch";
import { type GuardedFetch, guardedFetch, OutboundError } from "./guarded-fetch";
import { InsufficientScopeError } from "./step-up";

export type TransportKind = "streamable-http" | "sse";
export type McpConnection = { client: Client; transport: TransportKind; close: () => Promise<void> };
export type ConnectOptions = {
  url: string;
  headers?: Record<string, string>;
  authProvider?: OAuthClientProvider;
  fetch?: GuardedFetch;
  timeoutMs?: number;
};

export const CLIENT_INFO = { name: "tryliate", version: "0.1.0" };

/** An MCP server could not be reached or spoke no MCP; the message says why, for a person. */
export class McpConnectError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "McpConnectError";
  }
}

/**
 * Connects with the official SDK as it documents backwards compatibility: Streamable HTTP first,
 * and when that fails (other than for authorization), the legacy HTTP+SSE transport. Every request
 * goes through the guarded fetch; nothing of the app's own session is sent.
 */
export async function connectToServer(options: ConnectOptions): Promise<McpConnection> {
  const url = parseServerUrl(options.url);
  const base = options.fetch ?? guardedFetch;
  // The transport sends its OAuth requests (metadata, token refresh) through the same fetch as its
  // MCP requests: those (any URL but the endpoint's) get the OAuth deadline, streams do not.
  const oauth = withDeadline(base);
  const fetch: GuardedFetch = options.authProvider
    ? (input, init) => (isEndpoint(input, url) ? base(input, init) : oauth(input, init))
    : base;
  const requestInit: RequestInit = { headers: options.headers ?? {} };
  const timeout = options.timeoutMs ?? 30_000;
  const common = { requestInit, fetch, authProvider: options.authProvider };

  const streamable = new StreamableHTTPClientTransport(url, {
    ...common,
    reconnectionOptions: resumeStreams,
  });
  const first = await attempt(streamable, "streamable-http", timeout);
  if ("connection" in first) return first.connection;
  if (isUnauthorized(first.error)) throw new UnauthorizedError(`${url.host} asks for credentials.`);
  if (first.error instanceof OutboundError || first.error instanceof InsufficientScopeError)
    throw first.error;

  const sse = new SSEClientTransport(url, common);
  const second = await attempt(sse, "sse", timeout);
  if ("connection" in second) return second.connection;
  if (isUnauthorized(second.error)) throw new UnauthorizedError(`${url.host} asks for credentials.`);
  // Report the Streamable HTTP failure unless SSE was refused by the guard.
  throw translate(second.error instanceof OutboundError ? second.error : first.error, url);
}

/** Whether the SDK gave up waiting for the server's answer (its request timeout). */
export function isMcpTimeout(error: unknown): boolean {
  return error instanceof McpError && error.code === ErrorCode.RequestTimeout;
}

/** A 401 (or 403 without a provider to retry with) from either transport, or the SDK's own verdict. */
function isUnauthorized(error: unknown): boolean {
  if (error instanceof UnauthorizedError) return true;
  const code = (error as { code?: unknown })?.code;
  return code === 401;
}

/**
 * A stream the server closes before its answer (SSE polling, a dropped connection) is resumed with
 * Last-Event-ID, after the server's `retry` when it sent one, else after this backoff. The call's
 * own timeout stays the overall deadline, however long the server asks to wait.
 */
const resumeStreams = {
  maxRetries: 5,
  initialReconnectionDelay: 250,
  maxReconnectionDelay: 5_000,
  reconnectionDelayGrowFactor: 2,
};

async function attempt(
  transport: Transport,
  kind: TransportKind,
  timeout: number,
): Promise<{ connection: McpConnection } | { error: unknown }> {
  const client = new Client(CLIENT_INFO, { capabilities: {} });
  try {
    await client.connect(transport, { timeout });
    return { connection: { client, transport: kind, close: () => client.close().catch(() => {}) } };
  } catch (error) {
    await client.close().catch(() => {});
    return { error };
  }
}

function isEndpoint(input: string | URL, endpoint: URL): boolean {
  const target = URL.parse(String(input));
  return target !== null && target.origin === endpoint.origin && target.pathname === endpoint.pathname;
}

function parseServerUrl(text: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {}
  throw new McpConnectError(`"${text.slice(0, 200)}" is not an http(s) URL of an MCP server.`);
}

function translate(error: unknown, url: URL): Error {
  if (
    error instanceof UnauthorizedError ||
    error instanceof InsufficientScopeError ||
    error instanceof OutboundError ||
    error instanceof McpConnectError
  )
    return error;
  const message = error instanceof Error ? error.message : String(error);
  if (isMcpTimeout(error))
    return new McpConnectError(`${url.host} did not answer the MCP handshake in time.`, { cause: error });
  return new McpConnectError(
    `${url.host} did not answer as an MCP server (Streamable HTTP or SSE): ${firstLine(message)}`,
    {
      cause: error,
    },
  );
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").slice(0, 300);
}
