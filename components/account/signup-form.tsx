"use client";

import type { AuthResponse } from "@supabase/supabase-js";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { safeNextPath } from "@/lib/supabase/routes";
import { EmailField } from "./auth-fields";
import styles from "./auth-form.module.css";
import { useAuthSubmit } from "./use-auth-submit";

export function SignupForm({ next }: { next?: string }) {
  const { pending, failure, setFailure, submit, done, goTo } = useAuthSubmit();
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [showPassword, setShowPassword] = useState(false);
  const [confirmationSentTo, setConfirmationSentTo] = useState<string | null>(null);
  const destination = safeNextPath(next);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const answer: { data?: AuthResponse["data"] } = {};
    const sent = await submit(async () => {
      const { data, error } = await createBrowserSupabase().auth.signUp({
        email: email.trim(),
        password,
        // The profile trigger copies display_name into public.users.
        options: {
          data: displayName.trim() ? { display_name: displayName.trim() } : {},
          // Where the confirmation link (through /auth/confirm) leads once the address is confirmed.
          emailRedirectTo: `${window.location.origin}${destination}`,
        },
      });
      answer.data = data;
      return { error };
    });
    if (!sent || !answer.data) return;
    const { user, session } = answer.data;
    // With email confirmation on, Auth answers an address that already has an account with a
    // stand-in user without identities (and sends nothing) instead of an error.
    if (!session && user?.identities?.length === 0) {
      done();
      setFailure({ message: "An account with this email already exists. Sign in instead.", field: "email" });
      return;
    }
    // Projects with email confirmation on answer without a session.
    if (session) return goTo(destination);
    done();
    setConfirmationSentTo(email.trim());
  }

  if (confirmationSentTo) {
    return (
      <Alert tone="success" title="Check your inbox">
        We sent a confirmation link to {confirmationSentTo}. Open it to finish creating your account.
      </Alert>
    );
  }

  const loginHref = next ? `/login?next=${encodeURIComponent(destination)}` : "/login";
  return (
    <form className={styles.form} method="post" onSubmit={onSubmit} aria-label="Create account">
      {failure ? <Alert tone="error">{failure.message}</Alert> : null}
      <TextField
        label="Name"
        name="displayName"
        autoComplete="name"
        placeholder="Ada Lovelace"
        maxLength={80}
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        hint="Shown to collaborators on the canvas. Optional."
      />
      <EmailField value={email} onChange={setEmail} invalid={failure?.field === "email"} />
      <TextField
        label="Password"
        name="password"
        type={showPassword ? "text" : "password"}
        autoComplete="new-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        aria-invalid={failure?.field === "password" || undefined}
        hint="At least 6 characters; longer is stronger."
        trailing={
          <button
            type="button"
            className={styles.passwordToggle}
            onClick={() => setShowPassword((shown) => !shown)}
          >
            {showPassword ? "Hide" : "Show"}
          </button>
        }
      />
      <Button type="submit" size="lg" block loading={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
      <p className={styles.footer}>
        Already have an account? <Link href={loginHref}>Sign in</Link>
      </p>
    </form>
  );
}
