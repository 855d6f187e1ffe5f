"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { createBrowserSupabase } from "@/lib/supabase/browser";
import { safeNextPath } from "@/lib/supabase/routes";
import { EmailField } from "./auth-fields";
import styles from "./auth-form.module.css";
import { MagicLinkForm } from "./magic-link-form";
import { useAuthSubmit } from "./use-auth-submit";

export function LoginForm({ next }: { next?: string }) {
  const { pending, failure, submit, goTo } = useAuthSubmit();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [showPassword, setShowPassword] = useState(false);
  const [withLink, setWithLink] = useState(false);
  const destination = safeNextPath(next);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const signedIn = await submit(() =>
      createBrowserSupabase().auth.signInWithPassword({ email: email.trim(), password }),
    );
    // The session cookie is set; the server components of the destination can now see it.
    if (signedIn) goTo(destination);
  }

  if (withLink) {
    return (
      <MagicLinkForm
        destination={destination}
        initialEmail={email}
        onUsePassword={() => setWithLink(false)}
      />
    );
  }
  const signupHref = next ? `/signup?next=${encodeURIComponent(destination)}` : "/signup";
  return (
    <form className={styles.form} method="post" onSubmit={onSubmit} aria-label="Sign in">
      {failure ? <Alert tone="error">{failure.message}</Alert> : null}
      <EmailField value={email} onChange={setEmail} invalid={failure?.field === "email"} autoFocus />
      <TextField
        label="Password"
        name="password"
        type={showPassword ? "text" : "password"}
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        aria-invalid={failure?.field === "password" || undefined}
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
      <div className={styles.row}>
        <Link href="/forgot-password">Forgot password?</Link>
        <button type="button" className={styles.linkButton} onClick={() => setWithLink(true)}>
          Email me a link instead
        </button>
      </div>
      <Button type="submit" size="lg" block loading={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className={styles.footer}>
        New to Tryliate? <Link href={signupHref}>Create an account</Link>
      </p>
    </form>
  );
}
