"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { RESET_PASSWORD_PATH } from "@/lib/supabase/routes";
import { EmailField } from "./auth-fields";
import styles from "./auth-form.module.css";
import { sameAnswerForAnyAddress } from "./same-answer-for-any-address";
import { useAuthSubmit } from "./use-auth-submit";

/**
 * Asks Auth to email a recovery link; the link comes back through /auth/confirm to a new-password
 * page. A known and an unknown address get the same words, at the same pace.
 */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { pending, failure, submit } = useAuthSubmit();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = email.trim();
    const redirectTo = `${window.location.origin}${RESET_PASSWORD_PATH}`;
    const sent = await submit(() =>
      sameAnswerForAnyAddress(() =>
        createBrowserSupabase().auth.resetPasswordForEmail(address, { redirectTo }),
      ),
    );
    if (sent) setSentTo(address);
  }

  if (sentTo) {
    return (
      <Alert tone="success" title="Check your inbox">
        If an account uses {sentTo}, we sent it a link to choose a new password. It works once, for a limited
        time. Nothing there after a few minutes? Check the address, or ask again later.
      </Alert>
    );
  }
  return (
    <form className={styles.form} method="post" onSubmit={onSubmit} aria-label="Reset password">
      {failure ? <Alert tone="error">{failure.message}</Alert> : null}
      <EmailField value={email} onChange={setEmail} invalid={failure?.field === "email"} autoFocus />
      <Button type="submit" size="lg" block loading={pending}>
        Email me a reset link
      </Button>
      <p className={styles.footer}>
        Remembered it? <Link href="/login">Sign in</Link>
      </p>
    </form>
  );
}
