import type { Metadata } from "next";
import { LoginForm } from "@/components/account/login-form";
import styles from "../auth.module.css";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return (
    <>
      <h1 className={styles.title}>Welcome back</h1>
      <p className={styles.subtitle}>Sign in to open your workflows.</p>
      <LoginForm next={typeof next === "string" ? next : undefined} />
    </>
  );
}
