import { displayableAvatarUrl } from "@/lib/users/avatar-url";
import { readableTextOn } from "@/lib/users/readable-text";
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
    color: color ? readableTextOn(color) : undefined,
  };
  const src = displayableAvatarUrl(imageUrl);
  if (src) {
    // Avatars come from arbitrary https hosts; next/image would need each host configured.
    // biome-ignore lint/performance/noImgElement: see above
    return <img className={styles.avatar} src={src} alt="" style={style} referrerPolicy="no-referrer" />;
  }
  return (
    // The initials are drawn by CSS (not text in the page): a button holding an avatar and a name
    // is labelled by the name alone.
    <span className={styles.avatar} style={style} data-initials={initials(name)} aria-hidden />
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
