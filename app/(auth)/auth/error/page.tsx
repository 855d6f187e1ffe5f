import type { Metadata } from "next";
import Link from "next/link";
import styles from "@/app/(auth)/auth.module.css";
import { Alert } from "@/components/ui/alert";
import { AUTH_PROBLEMS, isAuthProblem } from "@/lib/supabase/auth-problems";

export const metadata: Metadata = { title: "Sign-in problem" };

export default async function AuthProblemPage({
  searchParams,
}: {
  searchParams: Promise<{ problem?: string | string[] }>;
}) {
  const { problem } = await searchParams;
  const { title, text } = AUTH_PROBLEMS[isAuthProblem(problem) ? problem : "link_invalid"];
  return (
    <>
      <h1 className={styles.title}>{title}</h1>
      <p className={styles.subtitle}>Nothing was changed.</p>
      <Alert tone="error">{text}</Alert>
      <p className={styles.links}>
        <Link href="/login">Sign in</Link>
        <Link href="/forgot-password">Reset your password</Link>
      </p>
    </>
  );
}
