import { createServerClient } from "@supabase/ssr";
import type { SupabaseClient } from "@supabase/supabase-js";
import { type NextRequest, NextResponse } from "next/server";
import { publicEnv } from "@/lib/env/public";
import { accessRedirect, needsSecondFactor } from "./access";
import { sessionCookieOptions } from "./cookie-options";
import { isProtectedPath } from "./routes";

/**
 * Refreshes the Supabase session cookie on every request; keeps signed-out visitors out of app
 * pages (to /login?next=…), asks people with a second factor for their code before any app page
 * opens (/mfa?next=…), and sends signed-in visitors off the sign-in pages.
 */
export async function updateSession(request: NextRequest): Promise<NextResponse> {
  let response = NextResponse.next({ request });
  const supabase = createServerClient(
    publicEnv.NEXT_PUBLIC_SUPABASE_URL,
    publicEnv.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
    {
      cookieOptions: sessionCookieOptions,
      cookies: {
        getAll: () => request.cookies.getAll(),
        setAll(cookiesToSet, headers) {
          for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
          response = NextResponse.next({ request });
          for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options);
          for (const [key, value] of Object.entries(headers ?? {})) response.headers.set(key, value);
        },
      },
    },
  );

  // Nothing may run between creating the client and getClaims(): it refreshes the session.
  const { data } = await supabase.auth.getClaims().catch(() => ({ data: null }));
  const claims = data?.claims;
  const signedIn = Boolean(claims?.sub);
  const { pathname, search } = request.nextUrl;
  const owesCode =
    signedIn && claims?.aal !== "aal2" && isProtectedPath(pathname) && (await owesSecondFactor(supabase));

  const target = accessRedirect({ signedIn, needsSecondFactor: owesCode }, pathname, search);
  return target ? redirectKeepingCookies(new URL(target, request.nextUrl), response) : response;
}

/**
 * Whether the user has a verified factor this AAL1 session has not used. Asked of the Auth
 * server with the (already verified) access token, so the answer never rests on the user object
 * stored in the cookie, which the browser could edit. Only app pages pay for it.
 */
async function owesSecondFactor(supabase: SupabaseClient): Promise<boolean> {
  const { data: session } = await supabase.auth.getSession();
  const token = session.session?.access_token;
  if (!token) return false;
  const { data } = await supabase.auth.mfa
    .getAuthenticatorAssuranceLevel(token)
    .catch(() => ({ data: null }));
  return needsSecondFactor(data);
}

/** A redirect that still carries the refreshed session cookies. */
function redirectKeepingCookies(url: URL, from: NextResponse): NextResponse {
  const redirect = NextResponse.redirect(url);
  for (const cookie of from.cookies.getAll()) redirect.cookies.set(cookie);
  return redirect;
}
