import { createServerClient, parseCookieHeader } from "@supabase/ssr";
import { publicEnv } from "@/lib/env/public";
import type { JwtClaims } from "@/server/platform/db/claims";

export type TRPCContextInner = { claims: JwtClaims | null; origin?: string | null };

/** The request-independent part of the context; tests pass verified (or absent) claims here. */
export function createContextInner(options: {
  claims: JwtClaims | null;
  origin?: string | null;
}): TRPCContextInner {
  return { claims: options.claims, origin: options.origin ?? null };
}

/**
 * The context of an HTTP request: the Supabase session from its cookies, verified with
 * getClaims() (signature checked against the project's JWKS), never trusted from getSession.
 */
export async function createContext(options: { headers: Headers }): Promise<TRPCContextInner> {
  const claims = await verifiedClaims(options.headers);
  // The browser's Origin of a same-origin POST: the app's own origin (OAuth redirect URI) unless TRYLIATE_APP_URL says otherwise.
  return createContextInner({ claims, origin: options.headers.get("origin") });
}

async function verifiedClaims(headers: Headers): Promise<JwtClaims | null> {
  const supabase = createServerClient(
    publicEnv.NEXT_PUBLIC_SUPABASE_URL,
    publicEnv.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
    {
      cookies: {
        getAll: () =>
          parseCookieHeader(headers.get("cookie") ?? "").map(({ name, value }) => ({
            name,
            value: value ?? "",
          })),
        // The proxy refreshes and writes the session cookie; an API response never does.
        setAll: () => {},
      },
    },
  );
  try {
    const { data, error } = await supabase.auth.getClaims();
    if (error || !data?.claims?.sub) return null;
    return isUserAccessToken(data.claims) ? (data.claims as JwtClaims) : null;
  } catch {
    return null;
  }
}

/** What Supabase Auth issues to a signed-in user: an expiry, and the `authenticated` audience. */
function isUserAccessToken(claims: { exp?: unknown; aud?: unknown }): boolean {
  return typeof claims.exp === "number" && claims.aud === "authenticated";
}
