"use client";

import { type FormEvent, useState } from "react";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { type AuthFailure, authErrorMessage } from "./auth-error-message";
import { CodeField, NewPasswordField } from "./auth-fields";
import styles from "./settings.module.css";

const NEEDS_NONCE = new Set(["reauthentication_needed", "reauth_nonce_missing"]);

/**
 * Sets a new password. Where the project asks for reauthentication (secure password change),
 * Auth refuses without a nonce: one is emailed (`reauthenticate()`) and the form asks for it.
 */
export function PasswordChangeForm() {
  const [password, setPassword] = useState("");
  const [nonce, setNonce] = useState("");
  const [askNonce, setAskNonce] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AuthFailure | null>(null);
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setFailure(null);
    setSaved(false);
    const auth = createBrowserSupabase().auth;
    const attributes = askNonce ? { password, nonce: nonce.trim() } : { password };
    const { error } = await auth.updateUser(attributes).catch((caught: unknown) => ({ error: caught }));
    if (error && !askNonce && NEEDS_NONCE.has((error as { code?: string }).code ?? "")) {
      const sent = await auth.reauthenticate().catch((caught: unknown) => ({ error: caught }));
      setPending(false);
      if (sent.error) setFailure(authErrorMessage(sent.error));
      else setAskNonce(true);
      return;
    }
    setPending(false);
    if (error) {
      setFailure(authErrorMessage(error));
      return;
    }
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
      {askNonce ? (
        <CodeField label="Confirmation code" value={nonce} onChange={setNonce} />
      ) : null}
      <div className={styles.actions}>
        <Button type="submit" loading={pending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
