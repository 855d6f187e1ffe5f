import { cookies } from "next/headers";
import { pinnedTheme, THEME_COOKIE, type ThemeChoice } from "@/lib/theme/theme";

/** The theme the request's cookie pins, or "system". Server only. */
export async function currentTheme(): Promise<ThemeChoice> {
  return pinnedTheme((await cookies()).get(THEME_COOKIE)?.value) ?? "system";
}
