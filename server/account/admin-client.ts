import "server-only";
import { createClient } from "@supabase/supabase-js";
import { publicEnv } from "@/lib/env/public";
import { getServerEnv } from "@/server/platform/env/env";

/** The Auth admin API with the project's secret key: server only, never for a user's own request data. */
export function authAdmin() {
  return createClient(publicEnv.NEXT_PUBLIC_SUPABASE_URL, getServerEnv().SUPABASE_SECRET_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  }).auth.admin;
}
