import type { Metadata } from "next";
import styles from "@/app/(auth)/auth.module.css";
import { LoginForm } from "@/components/account/login-form";
import { OAuthButtons } from "@/components/account/oauth-buttons";
import { Alert } from "@/components/ui/alert";
import { safeNextPath } from "@/lib/supabase/routes";
import { enabledOAuthProviders } from "@/server/account/providers";

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
    </>
  );
}
