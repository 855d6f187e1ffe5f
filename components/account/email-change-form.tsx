"use client";

import { isAuthError } from "@supabase/supabase-js";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { EmailField } from "./auth-fields";
import styles from "./settings.module.css";
import { useAuthSubmit } from "./use-auth-submit";
import { codeNeeded, useSecondFactorStepUp } from "./use-second-factor-step-up";

/**
 * Asks Auth to move the account to another address. Nothing changes until the new address (and,
 * with secure email change, the current one too) confirms through the emailed links; meanwhile
 * the pending address is shown.
 */
export function EmailChangeForm({
  email,
  pendingEmail,
}: {
  email: string | null;
  pendingEmail: string | null;
}) {
  const router = useRouter();
  const [next, setNext] = useState("");
  const { pending, failure, setFailure, submit, done } = useAuthSubmit();
  const stepUp = useSecondFactorStepUp();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    let inUse = false;
    let paused = false;
    const requested = await submit(async () => {
      const options = { emailRedirectTo: `${window.location.origin}/account` };
      const outcome = await stepUp.run(() =>
        createBrowserSupabase().auth.updateUser({ email: next.trim() }, options),
      );
      paused = codeNeeded(outcome);
      const error = "error" in outcome ? outcome.error : null;
      inUse = isAuthError(error) && (error.code === "email_exists" || error.code === "user_already_exists");
      return { error };
    });
    if (inUse) setFailure({ message: "Another account already uses this email address.", field: "email" });
    if (!requested) return;
    done();
    if (paused) return;
    setNext("");
    router.refresh();
  }

  return (
    <form className={styles.form} method="post" onSubmit={onSubmit} aria-label="Email address">
      <p className={styles.current}>
        Signed in as <strong data-testid="current-email">{email}</strong>
      </p>
      {pendingEmail ? (
        <Alert tone="info" title="Email change pending">
          <span data-testid="pending-email">{pendingEmail}</span> becomes your address once you open the
          confirmation links we emailed (to the new address, and to the current one).
        </Alert>
      ) : null}
      {failure ? <Alert tone="error">{failure.message}</Alert> : null}
      <EmailField
        label="New email address"
        value={next}
        onChange={setNext}
        invalid={failure?.field === "email"}
      />
      {stepUp.field}
      <div className={styles.actions}>
        <Button type="submit" loading={pending}>
          Change email
        </Button>
      </div>
    </form>
  );
}
