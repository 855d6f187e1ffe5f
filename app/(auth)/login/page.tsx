import type { Metadata } from "next";
import { LoginForm } from "@/components/account/login-form";
import { OAuthButtons } from "@/components/account/oauth-buttons";
import { Alert } from "@/components/ui/alert";
import { DEMO_USER } from "@/lib/env/defaults";
import { isLocalStack } from "@/lib/env/parse";
import { safeNextPath } from "@/lib/supabase/routes";
import { enabledOAuthProviders } from "@/server/auth/providers";
import styles from "../auth.module.css";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; deleted?: string }>;
}) {
  const { next, deleted } = await searchParams;
  const wanted = typeof next === "string" ? next : undefined;
  const providers = await enabledOAuthProviders();
  return (
    <>
      <h1 className={styles.title}>Welcome back</h1>
      <p className={styles.subtitle}>Sign in to open your workflows.</p>
      {deleted ? <Alert tone="success">Your account and all its data were deleted.</Alert> : null}
      <OAuthButtons providers={providers} destination={safeNextPath(wanted)} />
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
