import { ViewportPortal } from "@xyflow/react";
import styles from "./live.module.css";
import type { Cursor, Peer } from "./live-sync";

/** Other people's pointers, drawn in flow coordinates so they stay over what they point at. */
export function LiveCursors({ cursors, peers }: { cursors: Map<string, Cursor>; peers: Peer[] }) {
  const byTab = new Map(peers.map((peer) => [peer.tabId, peer]));
  return (
    <ViewportPortal>
      {[...cursors.values()].map((cursor) => {
        const peer = byTab.get(cursor.tabId);
        if (!peer) return null;
        const color = peer.color ?? "#7c6cff";
        return (
          <div
            key={cursor.tabId}
            className={styles.cursor}
            style={{ transform: `translate(${cursor.x}px, ${cursor.y}px)` }}
            data-testid="live-cursor"
          >
            <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden style={{ position: "absolute" }}>
              <path
                d="M1 1 L1 13 L4.5 9.5 L7 15 L9 14 L6.5 8.5 L11.5 8.5 Z"
                fill={color}
                stroke="#fff"
                strokeWidth="1"
              />
            </svg>
            <span className={styles.cursorLabel} style={{ background: color }}>
              {peer.name}
            </span>
          </div>
        );
      })}
    </ViewportPortal>
  );
}
