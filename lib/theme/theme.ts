/** The theme a person picked: the system's (no cookie), or light or dark pinned by the switch. */
export type ThemeChoice = "system" | "light" | "dark";

/** The cookie that keeps a pinned theme, read by the root layout so the first paint is right. */
export const THEME_COOKIE = "tryliate-theme";

export function pinnedTheme(cookie: string | undefined): "light" | "dark" | undefined {
  return cookie === "light" || cookie === "dark" ? cookie : undefined;
}
