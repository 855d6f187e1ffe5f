/** What each open canvas tells the others about its user (no email, nothing private). */
export type Peer = {
  tabId: string;
  userId: string;
  name: string;
  color: string | null;
  avatarUrl: string | null;
};

/**
 * A tab's presence key: its user and tab. Supabase presence carries no sender identity, so an
 * entry counts only when it claims the user and tab its key names; only the workflow's owner can
 * join its (private) channel at all, which is what keeps other people out.
 */
export function presenceKey(userId: string, tabId: string): string {
  return `${userId}/${tabId}`;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Every other tab's peer entry, read defensively from a channel's presence state. */
export function peersFromPresence(
  state: Record<string, Record<string, unknown>[]>,
  ownTabId: string,
): Peer[] {
  const peers: Peer[] = [];
  for (const [key, metas] of Object.entries(state)) {
    for (const meta of metas) {
      const { userId, tabId, name, color, avatarUrl } = meta;
      if (typeof userId !== "string" || typeof tabId !== "string") continue;
      if (key !== presenceKey(userId, tabId) || tabId === ownTabId) continue;
      peers.push({
        tabId,
        userId,
        name: typeof name === "string" && name.trim() !== "" ? name.slice(0, 80) : "Someone",
        color: typeof color === "string" && COLOR.test(color) ? color : null,
        avatarUrl: typeof avatarUrl === "string" ? avatarUrl : null,
      });
    }
  }
  return peers;
}
