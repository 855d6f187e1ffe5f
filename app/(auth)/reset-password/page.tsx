import type { Metadata } from "next";
import styles from "@/app/(auth)/auth.module.css";
import { NewPasswordForm } from "@/components/account/new-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

/** Opened by a recovery or invite link (the proxy sends visitors without a session to sign in). */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ invited?: string }>;
}) {
  const { invited } = await searchParams;
  return (
    <>
      <h1 className={styles.title}>{invited ? "Welcome! Choose a password" : "Choose a new password"}</h1>
      <p className={styles.subtitle}>You'll use it to sign in from now on.</p>
      <NewPasswordForm />
    </>
  );
}
