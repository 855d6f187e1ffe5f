import type { NextRequest } from "next/server";
import { createServerSupabase } from "@/lib/supabase/server";
import { safeRedirectPath } from "@/lib/supabase/routes";
import { oauthProblem, problemPath } from "@/server/auth/link-outcome";
import { seeOther } from "@/server/http/see-other";
import { requestOrigin } from "@/server/mcp/app-origin";

/**
 * Where Supabase Auth sends the browser back after an OAuth provider (PKCE): trades the code,
 * with the verifier the browser client left in a cookie, for a session, then goes on to the page
 * the person started from.
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const code = params.get("code");
  if (!code || params.has("error")) {
    return seeOther(problemPath(oauthProblem(params.get("error_code") ?? params.get("error"), null)));
  }
  const supabase = await createServerSupabase();
  const { error } = await supabase.auth
    .exchangeCodeForSession(code)
    .catch((caught: unknown) => ({ error: caught }));
  if (error) return seeOther(problemPath(oauthProblem(null, error)));
  return seeOther(safeRedirectPath(params.get("next"), requestOrigin(request)));
}
