import type { NextRequest } from "next/server";
import { createServerSupabase } from "@/lib/supabase/server";
import { completeEmailLink } from "@/server/auth/complete-auth-return";
import { seeOther } from "@/server/http/see-other";
import { requestOrigin } from "@/server/mcp/app-origin";

/**
 * Where every email link lands (sign-up confirmation, password recovery, magic link, invite,
 * email change): verifies its one-time token hash, which sets the session cookie, then goes on.
 */
export async function GET(request: NextRequest) {
  const supabase = await createServerSupabase();
  return seeOther(
    await completeEmailLink(supabase.auth, request.nextUrl.searchParams, requestOrigin(request)),
  );
}
