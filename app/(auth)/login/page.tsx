import type { Metadata } from "next";
import styles from "@/app/(auth)/auth.module.css";
import { LoginForm } from "@/components/account/login-form";
import { OAuthButtons } from "@/components/account/oauth-buttons";
import { QuickSignIn } from "@/components/account/quick-sign-in";
import { Alert } from "@/components/ui/alert";
import { DEMO_USER } from "@/lib/env/defaults";
import { isLocalStack } from "@/lib/env/parse";
import { safeNextPath } from "@/lib/supabase/routes";
import { signInOptions } from "@/server/account/providers";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; deleted?: string }>;
}) {
  const { next, deleted } = await searchParams;
  const wanted = typeof next === "string" ? next : undefined;
  const { providers, passkeys, anonymous } = await signInOptions();
  const destination = safeNextPath(wanted);
  return (
    <>
      <h1 className={styles.title}>Welcome back</h1>
      <p className={styles.subtitle}>Sign in to open your workflows.</p>
      {deleted ? <Alert tone="success">Your account and all its data were deleted.</Alert> : null}
      <QuickSignIn passkeys={passkeys} anonymous={anonymous} destination={destination} />
      <OAuthButtons providers={providers} destination={destination} />
      <LoginForm next={wanted} />
      {isLocalStack(process.env) ? (
        <p className={styles.demo} data-testid="demo-login">
          Local stack: sign in as <code>{DEMO_USER.email}</code> with the password{" "}
          <code>{DEMO_USER.password}</code>.
        </p>
      ) : null}
    </>
  );
}
