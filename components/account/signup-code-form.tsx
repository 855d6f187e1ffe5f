"use client";

import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { CodeField } from "./auth-fields";
import styles from "./auth-form.module.css";
import { useAuthSubmit } from "./use-auth-submit";

type Props = { email: string; destination: string; localInboxUrl?: string };

/**
 * After signing up with confirmation on: the emailed link finishes it, or the 6-digit code the
 * same email carries, typed here. An address that already had an account gets the same words;
 * its code is simply refused.
 */
export function SignupCodeForm({ email, destination, localInboxUrl }: Props) {
  const [code, setCode] = useState("");
  const { pending, failure, submit, goTo } = useAuthSubmit();

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const token = code.trim();
    if (await submit(() => createBrowserSupabase().auth.verifyOtp({ email, token, type: "signup" }))) {
      goTo(destination);
    }
  }

  return (
    <form className={styles.form} method="post" onSubmit={confirm} aria-label="Confirmation code">
      <Alert tone="success" title="Check your inbox">
        If {email} is new to Tryliate, we sent it a confirmation link and a 6-digit code: open the link, or
        type the code here. If it already has an account, sign in instead, or reset its password.
      </Alert>
      {localInboxUrl ? (
        <p className={styles.footer}>
          On this local stack every email lands in the{" "}
          <a href={localInboxUrl} target="_blank" rel="noreferrer">
            local inbox
          </a>
          .
        </p>
      ) : null}
      {failure ? <Alert tone="error">{failure.message}</Alert> : null}
      <CodeField label="Confirmation code" value={code} onChange={setCode} autoFocus />
      <Button type="submit" size="lg" block loading={pending}>
        Confirm and continue
      </Button>
    </form>
  );
}
