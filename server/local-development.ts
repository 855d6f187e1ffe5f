/**
 * Running against the local stack (the Supabase URL is this machine). Local-only defaults apply
 * then: a generated credentials key, plain http and loopback MCP servers allowed.
 */
export function isLocalDevelopment(env: Record<string, string | undefined> = process.env): boolean {
  const url = env.NEXT_PUBLIC_SUPABASE_URL || "http://127.0.0.1:54321";
  try {
    const host = new URL(url).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
  } catch {
    return false;
  }
}
