import type { Metadata } from "next";
import { SignupForm } from "@/components/account/signup-form";
import styles from "../auth.module.css";

export const metadata: Metadata = { title: "Create account" };

export default async function SignupPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return (
    <>
      <h1 className={styles.title}>Create your account</h1>
      <p className={styles.subtitle}>Start building workflows in a minute.</p>
      <SignupForm next={typeof next === "string" ? next : undefined} />
    </>
  );
}
