import { cookies } from "next/headers";
import { type NextRequest, NextResponse } from "next/server";
import { LOGIN_PATH } from "@/lib/supabase/routes";
import { createServerSupabase } from "@/lib/supabase/server";
import { refuseCrossOrigin } from "@/server/platform/http/same-origin";

/** Ends the session on the Auth server and clears the cookie, then goes to the sign-in page. */
export async function POST(request: NextRequest) {
  const refused = refuseCrossOrigin(request);
  if (refused) return refused;
  const supabase = await createServerSupabase();
  // scope "local": this browser only; other devices stay signed in.
  const { error } = await supabase.auth
    .signOut({ scope: "local" })
    .catch((caught: unknown) => ({ error: caught }));
  if (error) {
    // The Auth server could not be told (e.g. unreachable): still forget the session here.
    const cookieStore = await cookies();
    for (const cookie of cookieStore.getAll()) {
      if (cookie.name.startsWith("sb-")) cookieStore.delete(cookie.name);
    }
  }
  // 303: the browser follows the POST with a GET. A relative Location keeps the origin the browser
  // used (request.url may name another host, e.g. localhost for 127.0.0.1), which the CSP's
  // form-action 'self' requires of a form post's redirect.
  return new NextResponse(null, { status: 303, headers: { Location: LOGIN_PATH } });
}
