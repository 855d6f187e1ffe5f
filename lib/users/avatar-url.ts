import { publicEnv } from "@/lib/env/public";

/**
 * The avatar URL to show, or null. Avatars come from other people's profiles (and presence), so
 * a picture makes the browser fetch whatever URL they chose: only https URLs are fetched, and
 * the Supabase project's own origin (the local stack serves plain http).
 */
export function displayableAvatarUrl(
  url: string | null | undefined,
  supabaseUrl: string = publicEnv.NEXT_PUBLIC_SUPABASE_URL,
): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "https:" && parsed.hostname) return url;
    return parsed.origin === new URL(supabaseUrl).origin ? url : null;
  } catch {
    return null;
  }
}
