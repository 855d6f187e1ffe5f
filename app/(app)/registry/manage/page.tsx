import type { Metadata } from "next";
import { redirect } from "next/navigation";
import styles from "@/components/mcp/mcp.module.css";
import { RegistryAdmin } from "@/components/mcp/registry-admin";
import { isAdmin } from "@/server/platform/trpc/is-admin";

export const metadata: Metadata = { title: "Manage the MCP registry" };

export default async function ManageRegistryPage() {
  if (!(await isAdmin())) redirect("/registry");
  return (
    <div className={styles.page}>
      <header className={styles.heading}>
        <div>
          <h1 className={styles.title}>Manage the registry</h1>
          <p className={styles.subtitle}>
            Adding or refreshing a server discovers its tools, with your own credentials when it needs some.
          </p>
        </div>
      </header>
      <RegistryAdmin />
    </div>
  );
}
