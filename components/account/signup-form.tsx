"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { safeNextPath } from "@/lib/supabase/routes";
import { type AuthFailure, authErrorMessage } from "./auth-error-message";
import { EmailField } from "./auth-fields";
import styles from "./auth-form.module.css";
import { sameAnswerForAnyAddress } from "./same-answer-for-any-address";
import { SignupCodeForm } from "./signup-code-form";

export function SignupForm({ next, localInboxUrl }: { next?: string; localInboxUrl?: string }) {
  const router = useRouter();
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [showPassword, setShowPassword] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AuthFailure | null>(null);
  const [confirmationSentTo, setConfirmationSentTo] = useState<string | null>(null);
  const destination = safeNextPath(next);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setFailure(null);
    const address = email.trim();
    const { error, result } = await sameAnswerForAnyAddress(() =>
      createBrowserSupabase().auth.signUp({
        email: address,
        password,
        // The profile trigger copies display_name into public.users.
        options: {
          data: displayName.trim() ? { display_name: displayName.trim() } : {},
          // Where the confirmation link (through /auth/confirm) leads once the address is confirmed.
          emailRedirectTo: `${window.location.origin}${destination}`,
        },
      }),
    );
    if (error) {
      setFailure(authErrorMessage(error));
      setPending(false);
      return;
    }
    if (result?.data.session) {
      router.replace(destination);
      router.refresh();
      return;
    }
    // A new address with email confirmation on, and an address that already has an account
    // (Auth sends nothing, answers a stand-in user, or refuses): the same words for both.
    setConfirmationSentTo(address);
    setPending(false);
  }

  if (confirmationSentTo) {
    return (
      <SignupCodeForm email={confirmationSentTo} destination={destination} localInboxUrl={localInboxUrl} />
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
