import { createBrowserClient } from "@supabase/ssr";
import { publicEnv } from "@/lib/env/public";
import { sessionCookieOptions } from "./cookie-options";

/** The Supabase client for browser code (a singleton per tab, kept by @supabase/ssr). */
export function createBrowserSupabase() {
  return createBrowserClient(
    publicEnv.NEXT_PUBLIC_SUPABASE_URL,
    publicEnv.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
    {
      cookieOptions: sessionCookieOptions,
    },
  );
}
