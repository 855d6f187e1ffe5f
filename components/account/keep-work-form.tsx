"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { EmailField, NewPasswordField } from "./auth-fields";
import styles from "./settings.module.css";
import { useAuthSubmit } from "./use-auth-submit";

/**
 * An anonymous user keeps their work by adding an email and a password: the same account (and
 * all its workflows) becomes a permanent one once the emailed link confirms the address.
 */
export function KeepWorkForm({ pendingEmail }: { pendingEmail: string | null }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [sentTo, setSentTo] = useState(pendingEmail);
  const { pending, failure, submit, done } = useAuthSubmit();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    let kept = false;
    const requested = await submit(async () => {
      const options = { emailRedirectTo: `${window.location.origin}/account` };
      const { data, error } = await createBrowserSupabase().auth.updateUser(
        { email: email.trim(), password },
        options,
      );
      kept = data.user?.is_anonymous === false;
      return { error };
    });
    if (!requested) return;
    done();
    if (kept) router.refresh();
    else setSentTo(email.trim());
  }

  return (
    <form className={styles.form} method="post" onSubmit={onSubmit} aria-label="Keep your work">
      <p className={styles.current}>
        You are trying Tryliate without an account. Add your email and a password to keep your workflows and
        sign in again later.
      </p>
      {sentTo ? (
        <Alert tone="info">
          Check your inbox: open the link we sent to <strong>{sentTo}</strong> to keep your work.
        </Alert>
      ) : null}
      {failure ? <Alert tone="error">{failure.message}</Alert> : null}
      <EmailField value={email} onChange={setEmail} invalid={failure?.field === "email"} />
      <NewPasswordField
        label="Password"
        value={password}
        onChange={setPassword}
        invalid={failure?.field === "password"}
      />
      <div className={styles.actions}>
        <Button type="submit" loading={pending}>
          Keep my work
        </Button>
      </div>
    </form>
  );
}
