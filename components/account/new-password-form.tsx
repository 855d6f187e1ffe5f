"use client";

import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { HOME_PATH } from "@/lib/supabase/routes";
import { NewPasswordField } from "./auth-fields";
import styles from "./auth-form.module.css";
import { useAuthSubmit } from "./use-auth-submit";
import { codeNeeded, useSecondFactorStepUp } from "./use-second-factor-step-up";

/**
 * Sets the password of the session a recovery or invite link opened (asking for an authenticator
 * code first when the account has a second factor the session has not used), then opens the app.
 */
export function NewPasswordForm() {
  const [password, setPassword] = useState("");
  const [repeated, setRepeated] = useState("");
  const { pending, failure, setFailure, submit, done, goTo } = useAuthSubmit();
  const stepUp = useSecondFactorStepUp();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password !== repeated) {
      setFailure({ message: "The two passwords are not the same.", field: "password" });
      return;
    }
    let paused = false;
    const saved = await submit(async () => {
      const outcome = await stepUp.run(() => createBrowserSupabase().auth.updateUser({ password }));
      paused = codeNeeded(outcome);
      return { error: "error" in outcome ? outcome.error : null };
    });
    if (saved && paused) done();
    else if (saved) goTo(HOME_PATH);
  }

  return (
    <form className={styles.form} method="post" onSubmit={onSubmit} aria-label="Choose a new password">
      {failure ? <Alert tone="error">{failure.message}</Alert> : null}
      <NewPasswordField
        value={password}
        onChange={setPassword}
        invalid={failure?.field === "password"}
        autoFocus
      />
      <NewPasswordField label="Repeat the new password" hint={null} value={repeated} onChange={setRepeated} />
      {stepUp.field}
      <Button type="submit" size="lg" block loading={pending}>
        Save password and continue
      </Button>
    </form>
  );
}
