import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/account/account-menu";
import { AppNav } from "@/components/account/app-nav";
import { currentTheme } from "@/components/ui/current-theme";
import { Logo } from "@/components/ui/logo";
import { ThemeSwitch } from "@/components/ui/theme-switch";
import { serverApi } from "@/server/trpc/rsc";
import styles from "./app-shell.module.css";

/** The signed-in shell: header with the app name, navigation and the account menu. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const api = await serverApi();
  // The proxy already sent signed-out visitors to /login; this guards against a stale cookie.
  const profile = await api.users.me().catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "UNAUTHORIZED" || error.code === "NOT_FOUND"))
      return null;
    throw error;
  });
  if (!profile) redirect("/login");
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
      <main className={styles.main}>{children}</main>
    </div>
  );
}
