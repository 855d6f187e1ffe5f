import type { NextRequest } from "next/server";
import { createServerSupabase } from "@/lib/supabase/server";
import { completeCodeExchange } from "@/server/account/complete-auth-return";
import { requestOrigin } from "@/server/mcp/client/app-origin";
import { seeOther } from "@/server/platform/http/see-other";

/**
 * Where Supabase Auth sends the browser back after an OAuth provider (PKCE): trades the code for
 * a session, then goes on to the page the person started from.
 */
export async function GET(request: NextRequest) {
  const supabase = await createServerSupabase();
  return seeOther(
    await completeCodeExchange(supabase.auth, request.nextUrl.searchParams, requestOrigin(request)),
  );
}
