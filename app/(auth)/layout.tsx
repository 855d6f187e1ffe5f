import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";
import styles from "./auth.module.css";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className={styles.page}>
      <div className={styles.glow} aria-hidden />
      <header className={styles.header}>
        <Link href="/" aria-label="Tryliate home">
          <Logo />
        </Link>
      </header>
      <main className={styles.main}>
        <div className={styles.card}>{children}</div>
        <p className={styles.tagline}>Visual workflows over MCP tools — drawn together, run step by step.</p>
      </main>
    </div>
  );
}
