"use client";

import type { Provider } from "@supabase/supabase-js";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { authErrorMessage } from "./auth-error-message";
import styles from "./auth-form.module.css";

const PROVIDER_NAMES: Partial<Record<Provider, string>> = {
  github: "GitHub",
  google: "Google",
  gitlab: "GitLab",
};

/**
 * One button per OAuth provider the project enables. PKCE: the browser client keeps the code
 * verifier in a cookie, and /auth/callback trades the returned code for a session.
 */
export function OAuthButtons({ providers, destination }: { providers: Provider[]; destination: string }) {
  const [started, setStarted] = useState<Provider | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (providers.length === 0) return null;

  async function start(provider: Provider) {
    setStarted(provider);
    setFailure(null);
    const callback = new URL("/auth/callback", window.location.origin);
    callback.searchParams.set("next", destination);
    const { error } = await createBrowserSupabase()
      .auth.signInWithOAuth({ provider, options: { redirectTo: callback.toString() } })
      .catch((caught: unknown) => ({ error: caught }));
    // On success the browser is already leaving for the provider.
    if (error) {
      setFailure(authErrorMessage(error).message);
      setStarted(null);
    }
  }

  return (
    <>
      <div className={styles.providers}>
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        {providers.map((provider) => (
          <Button
            key={provider}
            variant="secondary"
            size="lg"
            block
            loading={started === provider}
            onClick={() => start(provider)}
          >
            Continue with {PROVIDER_NAMES[provider] ?? provider}
          </Button>
        ))}
      </div>
      <p className={styles.divider}>or</p>
    </>
  );
}
