import Link from "next/link";
import type { ReactNode } from "react";
import { currentTheme } from "@/components/ui/current-theme";
import { Logo } from "@/components/ui/logo";
import { ThemeSwitch } from "@/components/ui/theme-switch";
import styles from "./auth.module.css";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className={styles.page}>
      <div className={styles.glow} aria-hidden />
      <header className={styles.header}>
        <Link href="/" aria-label="Tryliate home">
          <Logo />
        </Link>
        <ThemeSwitch initial={await currentTheme()} />
      </header>
      <main className={styles.main}>
        <div className={styles.card}>{children}</div>
        <p className={styles.tagline}>Visual workflows over MCP tools — drawn together, run step by step.</p>
      </main>
    </div>
  );
}
