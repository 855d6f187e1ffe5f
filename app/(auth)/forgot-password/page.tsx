import type { Metadata } from "next";
import styles from "@/app/(auth)/auth.module.css";
import { ForgotPasswordForm } from "@/components/account/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className={styles.title}>Forgot your password?</h1>
      <p className={styles.subtitle}>We'll email you a link to choose a new one.</p>
      <ForgotPasswordForm />
    </>
  );
}
