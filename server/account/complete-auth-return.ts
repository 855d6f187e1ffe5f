import type { SupabaseClient } from "@supabase/supabase-js";
import { safeRedirectPath } from "@/lib/supabase/routes";
import {
  confirmedDestination,
  isEmailLinkType,
  linkProblem,
  oauthProblem,
  problemPath,
} from "./link-outcome";

type Auth = SupabaseClient["auth"];

/**
 * An email link's return (`/auth/confirm?token_hash&type&next`): verifies the one-time token
 * hash, which stores the session through the client's cookies, and says which app path to open.
 */
export async function completeEmailLink(
  auth: Auth,
  params: URLSearchParams,
  appOrigin: string,
): Promise<string> {
  const tokenHash = params.get("token_hash");
  const type = params.get("type");
  if (!tokenHash || !isEmailLinkType(type)) return problemPath("link_invalid");
  const { data, error } = await auth
    .verifyOtp({ token_hash: tokenHash, type })
    .catch((caught: unknown) => ({ data: null, error: caught }));
  if (error || !data) return problemPath(linkProblem(error));
  return confirmedDestination(type, params.get("next"), { appOrigin, signedIn: Boolean(data.session) });
}

/**
 * An OAuth (PKCE) return (`/auth/callback?code&next`, or `?error…`): trades the code, with the
 * verifier the browser client left in a cookie, for a session, and says which app path to open.
 */
export async function completeCodeExchange(
  auth: Auth,
  params: URLSearchParams,
  appOrigin: string,
): Promise<string> {
  const code = params.get("code");
  if (!code || params.has("error")) {
    return problemPath(oauthProblem(params.get("error_code") ?? params.get("error"), null));
  }
  const { error } = await auth.exchangeCodeForSession(code).catch((caught: unknown) => ({ error: caught }));
  if (error) return problemPath(oauthProblem(null, error));
  return safeRedirectPath(params.get("next"), appOrigin);
}
