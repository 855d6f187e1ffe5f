import { Avatar } from "@/components/ui/avatar";
import styles from "./live.module.css";
import type { LiveStatus, Peer } from "./live-sync";

const STATUS_LABELS: Record<LiveStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

/** Who else has this workflow open (one avatar per person), and the live connection's state. */
export function PresenceBar({ peers, status }: { peers: Peer[]; status: LiveStatus }) {
  const people = [...new Map(peers.map((peer) => [peer.userId, peer])).values()];
  return (
    <div className={styles.presence}>
      <ul className={styles.presence} aria-label="People on this workflow" data-testid="presence">
        {people.map((peer) => (
          <li key={peer.userId} className={styles.peer} title={peer.name} data-user-id={peer.userId}>
            <Avatar name={peer.name} imageUrl={peer.avatarUrl} color={peer.color} size={24} />
          </li>
        ))}
      </ul>
      <span className={styles.connection} data-testid="live-status" data-state={status} title="Live updates">
        <span className={styles.dot} aria-hidden />
        {STATUS_LABELS[status]}
      </span>
    </div>
  );
}
