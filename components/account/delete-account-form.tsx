"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { useTRPC } from "@/lib/trpc/client";
import { DELETE_ACCOUNT_PHRASE } from "@/lib/users/delete-account-schema";
import styles from "./settings.module.css";

/** Deletes the account and everything in it, once the person types the phrase. */
export function DeleteAccountForm() {
  const trpc = useTRPC();
  const [typed, setTyped] = useState("");
  const remove = useMutation(
    trpc.users.deleteAccount.mutationOptions({
      onSuccess: async () => {
        // The user is gone on the server; forget the session here, whatever Auth answers.
        await createBrowserSupabase()
          .auth.signOut({ scope: "local" })
          .catch(() => undefined);
        window.location.assign("/login?deleted=1");
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    remove.mutate({ confirmation: typed.trim() as typeof DELETE_ACCOUNT_PHRASE });
  }

  return (
    <form className={styles.form} method="post" onSubmit={onSubmit} aria-label="Delete account">
      <p className={styles.current}>
        This deletes your account, your workflows, their runs, your connections and their credentials. It
        cannot be undone.
      </p>
      {remove.error ? <Alert tone="error">{remove.error.message}</Alert> : null}
      <TextField
        label={`Type "${DELETE_ACCOUNT_PHRASE}" to confirm`}
        name="confirmation"
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
      />
      <div className={styles.actions}>
        <Button
          type="submit"
          variant="danger"
          loading={remove.isPending}
          disabled={typed.trim() !== DELETE_ACCOUNT_PHRASE}
        >
          Delete my account
        </Button>
      </div>
    </form>
  );
}
