import { lookup } from "node:dns/promises";
import type { buildConnector } from "undici";
import { isLocalStack } from "@/lib/env/parse";

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** What the guarded fetch allows; from the environment by default, injected in tests. */
export type OutboundPolicy = {
  /** Plain http (local development only; https everywhere else). */
  allowHttp: boolean;
  /** `host` or `host:port` entries whose private addresses may be reached (self-hosted servers). */
  allowedHosts: ReadonlySet<string>;
  resolve: Resolver;
  /**
   * Opens the socket to an address the guard has already checked (`hostname` is that IP). The
   * default dials it; tests pass one that records the address and dials only loopback.
   */
  dial?: buildConnector.connector;
  connectTimeoutMs: number;
  /** Until the response's headers arrive, and between two chunks of its body. */
  callTimeoutMs: number;
  /** Bytes of a whole response; for an event stream, of one event. */
  maxResponseBytes: number;
  maxRedirects: number;
};

export const ALLOWED_HOSTS_VARIABLE = "TRYLIATE_MCP_ALLOWED_HOSTS";

export const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

export function parseAllowedHosts(text: string | undefined): Set<string> {
  return new Set(
    (text ?? "")
      .split(",")
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
  );
}

export function policyFromEnv(env: Record<string, string | undefined> = process.env): OutboundPolicy {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    allowHttp: isLocalStack(env),
    allowedHosts: parseAllowedHosts(env[ALLOWED_HOSTS_VARIABLE]),
    resolve: systemResolver,
    connectTimeoutMs: number("TRYLIATE_MCP_CONNECT_TIMEOUT_MS", 5_000),
    callTimeoutMs: number("TRYLIATE_MCP_CALL_TIMEOUT_MS", 30_000),
    maxResponseBytes: number("TRYLIATE_MCP_MAX_RESPONSE_BYTES", 8 * 1024 * 1024),
    maxRedirects: 5,
  };
}

/** Whether a URL's host (with or without its port) is on the allowlist. */
export function isAllowlisted(policy: OutboundPolicy, url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return policy.allowedHosts.has(host) || policy.allowedHosts.has(`${host}:${port}`);
}
