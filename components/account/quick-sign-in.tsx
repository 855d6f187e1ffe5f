"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import styles from "./auth-form.module.css";
import { useAuthSubmit } from "./use-auth-submit";

/**
 * Sign-in without typing: a passkey (the browser offers the site's passkeys) and, where the
 * workspace allows it, trying the app as an anonymous user who can add an email later.
 */
export function QuickSignIn({
  passkeys,
  anonymous,
  destination,
}: {
  passkeys: boolean;
  anonymous: boolean;
  destination: string;
}) {
  const { pending, failure, submit, goTo } = useAuthSubmit();
  if (!passkeys && !anonymous) return null;

  async function withPasskey() {
    if (await submit(() => createBrowserSupabase().auth.signInWithPasskey())) goTo(destination);
  }

  async function anonymously() {
    if (await submit(() => createBrowserSupabase().auth.signInAnonymously())) goTo(destination);
  }

  return (
    <>
      <div className={styles.providers}>
        {failure ? <Alert tone="error">{failure.message}</Alert> : null}
        {passkeys ? (
          <Button variant="secondary" size="lg" block disabled={pending} onClick={withPasskey}>
            Continue with a passkey
          </Button>
        ) : null}
        {anonymous ? (
          <Button variant="ghost" size="lg" block disabled={pending} onClick={anonymously}>
            Try it without an account
          </Button>
        ) : null}
      </div>
      <p className={styles.divider}>or</p>
    </>
  );
}
