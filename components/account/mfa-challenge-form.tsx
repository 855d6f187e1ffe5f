"use client";

import type { Factor } from "@supabase/supabase-js";
import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { authErrorMessage } from "./auth-error-message";
import { CodeField } from "./auth-fields";
import styles from "./auth-form.module.css";
import { useAuthSubmit } from "./use-auth-submit";

/**
 * The second step of sign-in for people with an authenticator: a TOTP code, or the browser's
 * ceremony with a security key, raises the session to AAL2.
 */
export function MfaChallengeForm({ destination }: { destination: string }) {
  const [factors, setFactors] = useState<Factor[] | null>(null);
  const [factorId, setFactorId] = useState("");
  const [code, setCode] = useState("");
  const { pending, failure, setFailure, submit, goTo } = useAuthSubmit();

  useEffect(() => {
    createBrowserSupabase()
      .auth.mfa.listFactors()
      .then(({ data, error }) => {
        if (error) throw error;
        const usable = [...data.totp, ...data.webauthn];
        setFactors(usable);
        setFactorId(usable[0]?.id ?? "");
      })
      .catch((error: unknown) => setFailure(authErrorMessage(error)));
  }, [setFailure]);

  const isKey = factors?.find((factor) => factor.id === factorId)?.factor_type === "webauthn";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { mfa } = createBrowserSupabase().auth;
    const verified = await submit(() =>
      isKey
        ? mfa.webauthn.authenticate({ factorId })
        : mfa.challengeAndVerify({ factorId, code: code.trim() }),
    );
    if (verified) goTo(destination);
    else setCode("");
  }

  return (
    <form className={styles.form} method="post" onSubmit={onSubmit} aria-label="Two-factor code">
      {failure ? <Alert tone="error">{failure.message}</Alert> : null}
      {factors && factors.length > 1 ? (
        <label className={styles.select}>
          Authenticator
          <select value={factorId} onChange={(event) => setFactorId(event.target.value)}>
            {factors.map((factor) => (
              <option key={factor.id} value={factor.id}>
                {factor.friendly_name ||
                  (factor.factor_type === "webauthn" ? "Security key" : "Authenticator app")}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {isKey ? (
        <p className={styles.footer}>Your browser asks for your security key or your device's screen lock.</p>
      ) : (
        <CodeField
          label="Authentication code"
          value={code}
          onChange={setCode}
          autoFocus
          hint="The 6-digit code your authenticator app shows for Tryliate."
        />
      )}
      <Button type="submit" size="lg" block loading={pending} disabled={!factorId}>
        {isKey ? "Use security key" : "Verify"}
      </Button>
    </form>
  );
}
