import type { Metadata } from "next";
import styles from "@/app/(auth)/auth.module.css";
import { OAuthButtons } from "@/components/account/oauth-buttons";
import { SignupForm } from "@/components/account/signup-form";
import { localInboxUrl } from "@/lib/env/parse";
import { safeNextPath } from "@/lib/supabase/routes";
import { enabledOAuthProviders } from "@/server/account/providers";

export const metadata: Metadata = { title: "Create account" };

export default async function SignupPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  const wanted = typeof next === "string" ? next : undefined;
  const providers = await enabledOAuthProviders();
  return (
    <>
      <h1 className={styles.title}>Create your account</h1>
      <p className={styles.subtitle}>Start building workflows in a minute.</p>
      <OAuthButtons providers={providers} destination={safeNextPath(wanted)} />
      <SignupForm next={wanted} localInboxUrl={localInboxUrl(process.env)} />
    </>
  );
}
