import { displayableAvatarUrl } from "@/lib/users/avatar-url";
import styles from "./avatar.module.css";

export type AvatarProps = {
  name: string;
  imageUrl?: string | null;
  color?: string | null;
  size?: number;
};

/** The user's picture, or their initials on their presence colour. */
export function Avatar({ name, imageUrl, color, size = 28 }: AvatarProps) {
  const style = {
    width: size,
    height: size,
    fontSize: Math.round(size * 0.4),
    background: color ?? undefined,
  };
  const src = displayableAvatarUrl(imageUrl);
  if (src) {
    // Avatars come from arbitrary https hosts; next/image would need each host configured.
    // biome-ignore lint/performance/noImgElement: see above
    return <img className={styles.avatar} src={src} alt="" style={style} referrerPolicy="no-referrer" />;
  }
  return (
    <span className={styles.avatar} style={style} aria-hidden>
      {initials(name)}
    </span>
  );
}

export function initials(name: string): string {
  const words = name
    .replace(/@.*/, "")
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters =
    words.length > 1 ? `${words[0]?.[0] ?? ""}${words[1]?.[0] ?? ""}` : (words[0] ?? "?").slice(0, 2);
  return letters.toUpperCase() || "?";
}
