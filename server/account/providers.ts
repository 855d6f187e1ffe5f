import "server-only";
import type { Provider } from "@supabase/supabase-js";
import { publicEnv } from "@/lib/env/public";

/** The OAuth providers the app offers buttons for, in this order, when the project enables them. */
const OFFERED: Provider[] = ["github", "google", "gitlab"];

/** The ways to sign in the Auth server offers beyond email (GET /auth/v1/settings). */
export type SignInOptions = { providers: Provider[]; passkeys: boolean; anonymous: boolean };

/**
 * What the Auth server has turned on: OAuth providers (`external`), passkeys (`passkeys_enabled`)
 * and anonymous sign-ins (`external.anonymous_users`). When it cannot be asked, none of them: the
 * email forms still work.
 */
export async function signInOptions(): Promise<SignInOptions> {
  try {
    const response = await fetch(`${publicEnv.NEXT_PUBLIC_SUPABASE_URL}/auth/v1/settings`, {
      headers: { apikey: publicEnv.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY },
      signal: AbortSignal.timeout(3000),
      cache: "no-store",
    });
    if (!response.ok) return { providers: [], passkeys: false, anonymous: false };
    const settings = (await response.json()) as {
      external?: Record<string, unknown>;
      passkeys_enabled?: unknown;
    };
    return {
      providers: OFFERED.filter((provider) => settings.external?.[provider] === true),
      passkeys: settings.passkeys_enabled === true,
      anonymous: settings.external?.anonymous_users === true,
    };
  } catch {
    return { providers: [], passkeys: false, anonymous: false };
  }
}

/** Which offered OAuth providers the Auth server has turned on. */
export async function enabledOAuthProviders(): Promise<Provider[]> {
  return (await signInOptions()).providers;
}
