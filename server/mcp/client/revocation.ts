import type { Credentials } from "@/server/mcp/connections/credentials";
import { withDeadline } from "./deadline-fetch";
import type { GuardedFetch } from "./guarded-fetch";

/**
 * Revokes OAuth tokens at the authorization server's revocation endpoint (RFC 7009), when its
 * metadata names one. Returns whether the server was asked; a failure there is reported, not thrown:
 * the secrets are deleted on our side either way.
 */
export async function revokeAtAuthorizationServer(
  credentials: Credentials | null,
  fetch: GuardedFetch = withDeadline(),
): Promise<{ asked: boolean; ok: boolean }> {
  if (credentials?.kind !== "oauth") return { asked: false, ok: true };
  const metadata = credentials.discovery?.authorizationServerMetadata as
    | { revocation_endpoint?: string }
    | undefined;
  const endpoint = metadata?.revocation_endpoint;
  const client = credentials.client;
  const tokens = credentials.tokens;
  if (!endpoint || !client || !tokens) return { asked: false, ok: true };
  let ok = true;
  const candidates: Array<[string, string]> = [];
  if (tokens.refresh_token) candidates.push([tokens.refresh_token, "refresh_token"]);
  candidates.push([tokens.access_token, "access_token"]);
  for (const [token, hint] of candidates) {
    const body = new URLSearchParams({ token, token_type_hint: hint, client_id: client.client_id });
    if ("client_secret" in client && client.client_secret) body.set("client_secret", client.client_secret);
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: body.toString(),
      });
      await response.body?.cancel().catch(() => {});
      if (!response.ok) ok = false;
    } catch {
      ok = false;
    }
  }
  return { asked: true, ok };
}
