import type { Metadata } from "next";
import styles from "@/app/(auth)/auth.module.css";
import { MfaChallengeForm } from "@/components/account/mfa-challenge-form";
import { safeNextPath } from "@/lib/supabase/routes";

export const metadata: Metadata = { title: "Two-factor code" };

/** The proxy sends people here while their session is AAL1 and a verified factor awaits. */
export default async function MfaPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  return (
    <>
      <h1 className={styles.title}>Two-factor sign-in</h1>
      <p className={styles.subtitle}>Enter the code from your authenticator app to continue.</p>
      <MfaChallengeForm destination={safeNextPath(typeof next === "string" ? next : undefined)} />
      <form method="post" action="/auth/signout" className={styles.links}>
        <button type="submit" className={styles.plainButton}>
          Sign out
        </button>
      </form>
    </>
  );
}
