import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/account/account-menu";
import { AppNav } from "@/components/account/app-nav";
import { currentTheme } from "@/components/ui/current-theme";
import { Logo } from "@/components/ui/logo";
import { ThemeSwitch } from "@/components/ui/theme-switch";
import { createServerSupabase } from "@/lib/supabase/server";
import { serverApi } from "@/server/api/rsc";
import { appCodeOfCall } from "@/server/platform/errors/errors";
import styles from "./app-shell.module.css";

/** The signed-in shell: header with the app name, navigation and the account menu. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const api = await serverApi();
  // The proxy already sent signed-out visitors to /login; this guards against a stale cookie.
  const profile = await api.users.me().catch((error: unknown) => {
    const code = appCodeOfCall(error);
    if (
      code === "auth.sign_in_required" ||
      code === "auth.session_ended" ||
      code === "account.profile_not_found"
    )
      return null;
    throw error;
  });
  if (!profile) redirect("/login");
  const { data } = await (await createServerSupabase()).auth.getClaims();
  const anonymous = data?.claims.is_anonymous === true;
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <div className={styles.left}>
          <Link href="/workflows" className={styles.brand} aria-label="Tryliate, your workflows">
            <Logo />
          </Link>
          <AppNav />
        </div>
        <div className={styles.right}>
          <ThemeSwitch initial={await currentTheme()} />
          <AccountMenu
            user={{
              email: profile.email,
              displayName: profile.displayName,
              avatarUrl: profile.avatarUrl,
              color: profile.color,
            }}
          />
        </div>
      </header>
      {anonymous ? (
        <p className={styles.trial} role="status">
          You are trying Tryliate without an account.{" "}
          <Link href="/account#keep-heading">Add your email to keep your work</Link>
        </p>
      ) : null}
      <main className={styles.main}>{children}</main>
    </div>
  );
}
