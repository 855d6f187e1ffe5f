import type { NextRequest } from "next/server";
import { createServerSupabase } from "@/lib/supabase/server";
import { confirmedDestination, isEmailLinkType, linkProblem, problemPath } from "@/server/auth/link-outcome";
import { seeOther } from "@/server/http/see-other";
import { requestOrigin } from "@/server/mcp/app-origin";

/**
 * Where every email link lands (sign-up confirmation, password recovery, magic link, invite,
 * email change): verifies its one-time token hash, which sets the session cookie, then goes on.
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const tokenHash = params.get("token_hash");
  const type = params.get("type");
  if (!tokenHash || !isEmailLinkType(type)) return seeOther(problemPath("link_invalid"));

  const supabase = await createServerSupabase();
  const { data, error } = await supabase.auth
    .verifyOtp({ token_hash: tokenHash, type })
    .catch((caught: unknown) => ({ data: null, error: caught }));
  if (error || !data) return seeOther(problemPath(linkProblem(error)));
  return seeOther(
    confirmedDestination(type, params.get("next"), {
      appOrigin: requestOrigin(request),
      signedIn: Boolean(data.session),
    }),
  );
}
