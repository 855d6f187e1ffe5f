"use client";

import dynamic from "next/dynamic";
import styles from "./editor.module.css";

// Panels load when first opened: the assistant (AI SDK), the run log (JSON tree), versions, search.
function LoadingPanel({ label }: { label: string }) {
  return (
    <aside className={styles.inspector} aria-label={label} aria-busy="true">
      <p className={styles.hint}>Loading…</p>
    </aside>
  );
}
export const AssistantPanel = dynamic(
  () => import("./assistant/assistant-panel").then((m) => m.AssistantPanel),
  {
    ssr: false,
    loading: () => <LoadingPanel label="Trymate" />,
  },
);
export const RunsPanel = dynamic(() => import("./runs/runs-panel").then((m) => m.RunsPanel), {
  ssr: false,
  loading: () => <LoadingPanel label="Runs" />,
});
export const VersionsPanel = dynamic(() => import("./versions-panel").then((m) => m.VersionsPanel), {
  ssr: false,
  loading: () => <LoadingPanel label="Versions" />,
});
export const CommandSearch = dynamic(() => import("./command-search").then((m) => m.CommandSearch), {
  ssr: false,
});
