import type { NextRequest } from "next/server";
import { createServerSupabase } from "@/lib/supabase/server";
import { completeEmailLink } from "@/server/account/complete-auth-return";
import { requestOrigin } from "@/server/mcp/client/app-origin";
import { seeOther } from "@/server/platform/http/see-other";

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
