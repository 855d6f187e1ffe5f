import { randomUUID } from "node:crypto";
import { createClient } from "@supabase/supabase-js";
import type { AuthTestServer } from "./auth-server";

/** An unmodified supabase-js client for a test server, recording the URLs it fetches. */
export function testClient(server: AuthTestServer, key = server.context.config.publishableKey) {
  const requests: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    requests.push(`${init?.method ?? "GET"} ${input instanceof Request ? input.url : String(input)}`);
    return fetch(input, init);
  };
  const client = createClient(server.url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { fetch: recordingFetch },
  });
  return { client, requests };
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/** Decodes a JWT's header and payload (no verification: the tests check what was issued). */
export function decodeJwt(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [header, payload] = token.split(".");
  const decode = (part: string | undefined) =>
    JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
  return { header: decode(header), payload: decode(payload) };
}
