"use client";

import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { CodeField, EmailField } from "./auth-fields";
import styles from "./auth-form.module.css";
import { sameAnswerForAnyAddress } from "./same-answer-for-any-address";
import { useAuthSubmit } from "./use-auth-submit";

type Props = { destination: string; initialEmail: string; onUsePassword: () => void };

/**
 * Password-less sign-in: Auth emails a one-time link (through /auth/confirm) that also carries a
 * 6-digit code, which can be typed here instead. Only existing accounts get one, but a known and
 * an unknown address get the same words, at the same pace.
 */
export function MagicLinkForm({ destination, initialEmail, onUsePassword }: Props) {
  const [email, setEmail] = useState(initialEmail);
  const [code, setCode] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { pending, failure, submit, done, goTo } = useAuthSubmit();

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = email.trim();
    const options = { shouldCreateUser: false, emailRedirectTo: `${window.location.origin}${destination}` };
    const sent = await submit(() =>
      sameAnswerForAnyAddress(() => createBrowserSupabase().auth.signInWithOtp({ email: address, options })),
    );
    if (sent) {
      setSentTo(address);
      done();
    }
  }

  async function verify(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!sentTo) return;
    const token = code.trim();
    if (await submit(() => createBrowserSupabase().auth.verifyOtp({ email: sentTo, token, type: "email" }))) {
      goTo(destination);
    }
  }

  const usePassword = (
    <p className={styles.footer}>
      <button type="button" className={styles.linkButton} onClick={onUsePassword}>
        Sign in with your password instead
      </button>
    </p>
  );
  if (sentTo) {
    return (
      <form className={styles.form} method="post" onSubmit={verify} aria-label="Sign-in code">
        <Alert tone="success" title="Check your inbox">
          If an account uses {sentTo}, we sent it a sign-in link. Open it on this device, or type the 6-digit
          code from the email.
        </Alert>
        {failure ? <Alert tone="error">{failure.message}</Alert> : null}
        <CodeField label="Code" value={code} onChange={setCode} />
        <Button type="submit" size="lg" block loading={pending}>
          Sign in with code
        </Button>
        {usePassword}
      </form>
    );
  }
  return (
    <form className={styles.form} method="post" onSubmit={send} aria-label="Email sign-in link">
      {failure ? <Alert tone="error">{failure.message}</Alert> : null}
      <EmailField value={email} onChange={setEmail} invalid={failure?.field === "email"} autoFocus />
      <Button type="submit" size="lg" block loading={pending}>
        Email me a sign-in link
      </Button>
      {usePassword}
    </form>
  );
}
