"use client";

import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { changePassword } from "@/lib/supabase/password-change";
import { type AuthFailure, authErrorMessage } from "./auth-error-message";
import { CodeField, NewPasswordField } from "./auth-fields";
import styles from "./settings.module.css";
import { codeNeeded, useSecondFactorStepUp } from "./use-second-factor-step-up";

/**
 * Sets a new password, asking for the emailed nonce when the project requires reauthentication,
 * and for an authenticator code when the session has not used the account's second factor.
 */
export function PasswordChangeForm() {
  const [password, setPassword] = useState("");
  const [nonce, setNonce] = useState("");
  const [askNonce, setAskNonce] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AuthFailure | null>(null);
  const [saved, setSaved] = useState(false);
  const stepUp = useSecondFactorStepUp();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setFailure(null);
    setSaved(false);
    const outcome = await stepUp.run(() =>
      changePassword(createBrowserSupabase().auth, password, askNonce ? nonce.trim() : undefined),
    );
    setPending(false);
    if (codeNeeded(outcome)) return;
    if (!("status" in outcome)) {
      setFailure(authErrorMessage(outcome.error));
      return;
    }
    if (outcome.status === "nonce-sent") setAskNonce(true);
    if (outcome.status === "failed") setFailure(authErrorMessage(outcome.error));
    if (outcome.status !== "changed") return;
    setPassword("");
    setNonce("");
    setAskNonce(false);
    setSaved(true);
  }

  return (
    <form className={styles.form} method="post" onSubmit={onSubmit} aria-label="Password">
      {failure ? <Alert tone="error">{failure.message}</Alert> : null}
      {saved ? <Alert tone="success">Password changed.</Alert> : null}
      {askNonce ? (
        <Alert tone="info" title="Confirm it's you">
          We emailed you a code. Enter it below to save the new password.
        </Alert>
      ) : null}
      <NewPasswordField value={password} onChange={setPassword} invalid={failure?.field === "password"} />
      {askNonce ? <CodeField label="Confirmation code" value={nonce} onChange={setNonce} /> : null}
      {stepUp.field}
      <div className={styles.actions}>
        <Button type="submit" loading={pending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
