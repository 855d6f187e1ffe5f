import type { Metadata } from "next";
import Link from "next/link";
import styles from "@/components/mcp/mcp.module.css";
import { RegistryBrowser } from "@/components/mcp/registry-browser";
import { isAdmin } from "@/server/platform/trpc/is-admin";

export const metadata: Metadata = { title: "MCP registry" };

export default async function RegistryPage() {
  const admin = await isAdmin();
  return (
    <div className={styles.page}>
      <header className={styles.heading}>
        <div>
          <h1 className={styles.title}>MCP registry</h1>
          <p className={styles.subtitle}>The servers and tools your workflows can call.</p>
        </div>
        {admin ? <Link href="/registry/manage">Manage</Link> : null}
      </header>
      <RegistryBrowser />
    </div>
  );
}
