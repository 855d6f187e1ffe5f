import { extractWWWAuthenticateParams } from "@modelcontextprotocol/sdk/client/auth.js";
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";
import { CLIENT_INFO } from "./connect";
import type { GuardedFetch } from "./guarded-fetch";

export type Challenge = { resourceMetadataUrl?: URL; scope?: string };

/**
 * The first contact the authorization spec asks for: an unauthenticated MCP request. A 401 (or
 * 403) names in its `WWW-Authenticate` where the protected-resource metadata is
 * (`resource_metadata`) and the scope the server wants; both then drive the OAuth flow, and the
 * well-known locations are only the fallback. Any other answer is no challenge.
 */
export async function readChallenge(url: string, fetch: GuardedFetch): Promise<Challenge> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: CLIENT_INFO },
    }),
  });
  await response.body?.cancel().catch(() => {});
  const session = response.headers.get("mcp-session-id");
  // A server that let us in without credentials opened a session: end it.
  if (session) await fetch(url, { method: "DELETE", headers: { "mcp-session-id": session } }).catch(() => {});
  if (response.status !== 401 && response.status !== 403) return {};
  const { resourceMetadataUrl, scope } = extractWWWAuthenticateParams(response);
  return { ...(resourceMetadataUrl ? { resourceMetadataUrl } : {}), ...(scope ? { scope } : {}) };
}
