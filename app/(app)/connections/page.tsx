import type { Metadata } from "next";
import { ConnectionsList } from "@/components/mcp/connections-list";
import styles from "@/components/mcp/mcp.module.css";
import { OAUTH_CALLBACK_MESSAGES, type OAuthCallbackProblem } from "@/server/mcp/connections/connections";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const one = (value: string | string[] | undefined) =>
    typeof value === "string" ? value.slice(0, 200) : null;
  const problem = one(params.error);
  const error = problem
    ? OAUTH_CALLBACK_MESSAGES[
        Object.hasOwn(OAUTH_CALLBACK_MESSAGES, problem) ? (problem as OAuthCallbackProblem) : "failed"
      ]
    : null;
  return (
    <div className={styles.page}>
      <header className={styles.heading}>
        <div>
          <h1 className={styles.title}>Connections</h1>
          <p className={styles.subtitle}>
            Your credentials for each MCP server. They are stored encrypted and never shown again.
          </p>
        </div>
      </header>
      <ConnectionsList connected={one(params.connected)} error={error} />
    </div>
  );
}
