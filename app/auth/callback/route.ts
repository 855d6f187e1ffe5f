import type { NextRequest } from "next/server";
import { createServerSupabase } from "@/lib/supabase/server";
import { completeCodeExchange } from "@/server/auth/complete-auth-return";
import { seeOther } from "@/server/http/see-other";
import { requestOrigin } from "@/server/mcp/app-origin";

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
