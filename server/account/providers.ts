import "server-only";
import type { Provider } from "@supabase/supabase-js";
import { publicEnv } from "@/lib/env/public";

/** The OAuth providers the app offers buttons for, in this order, when the project enables them. */
const OFFERED: Provider[] = ["github", "google", "gitlab"];

/**
 * Which offered providers the Auth server has turned on (`GET /auth/v1/settings`, `external`).
 * When it cannot be asked, none: the email forms still work.
 */
export async function enabledOAuthProviders(): Promise<Provider[]> {
  try {
    const response = await fetch(`${publicEnv.NEXT_PUBLIC_SUPABASE_URL}/auth/v1/settings`, {
      headers: { apikey: publicEnv.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY },
      signal: AbortSignal.timeout(3000),
      cache: "no-store",
    });
    if (!response.ok) return [];
    const settings = (await response.json()) as { external?: Record<string, unknown> };
    return OFFERED.filter((provider) => settings.external?.[provider] === true);
  } catch {
    return [];
  }
}
