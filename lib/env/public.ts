import "../zod-config";
import { z } from "zod";
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SUPABASE_URL } from "./defaults";
import { isLocalStack, parseEnv, pick } from "./parse";

export { EnvError, parseEnv } from "./parse";

/** Zod's error option: "is not set (…)" for a missing variable, else the given message. */
export const notSet = (what: string, malformed?: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `is not set (${what})` : malformed;

const supabaseUrl = z
  .url({
    protocol: /^https?$/,
    error: notSet(
      "the Supabase project URL, https://<ref>.supabase.co",
      "must be an http(s) URL, such as https://<ref>.supabase.co",
    ),
  })
  .refine(
    (value) => !URL.canParse(value) || /^\/?$/.test(new URL(value).pathname),
    "must be the project's base URL, without a path",
  )
  .transform((value) => value.replace(/\/$/, ""));

const publishableKey = z
  .string({ error: notSet("the project's publishable key, sb_publishable_…, or its legacy anon key") })
  .min(20, "must be the project's publishable (anon) key")
  .refine(
    (value) => !isSecretKey(value),
    "is a secret key: it would be sent to every browser; use the publishable key",
  );

const publicEnvSchema = z.object({
  NEXT_PUBLIC_SUPABASE_URL: supabaseUrl,
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: publishableKey,
});

export type PublicEnv = z.infer<typeof publicEnvSchema>;

/** Also used at build time (next.config.ts): these values are written into the browser bundle. */
export function parsePublicEnv(
  source: Record<string, string | undefined>,
  allowDefaults = isLocalStack(source),
): PublicEnv {
  return parseEnv(publicEnvSchema, {
    NEXT_PUBLIC_SUPABASE_URL: pick([source.NEXT_PUBLIC_SUPABASE_URL], DEFAULT_SUPABASE_URL, allowDefaults),
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: pick(
      [source.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY, source.NEXT_PUBLIC_SUPABASE_ANON_KEY],
      DEFAULT_PUBLISHABLE_KEY,
      allowDefaults,
    ),
  });
}

/**
 * The values `next build` wrote into this bundle (Next.js inlines NEXT_PUBLIC_* only when written
 * out literally, hence no loop over process.env). The build refuses to run without them outside the
 * local stack, so the defaults here only ever stand in for the local stack.
 */
export const publicEnv: PublicEnv = parsePublicEnv(
  {
    NEXT_PUBLIC_SUPABASE_URL: process.env.NEXT_PUBLIC_SUPABASE_URL,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY,
  },
  true,
);

/** A secret key (sb_secret_…) or a legacy service_role JWT. */
export function isSecretKey(key: string): boolean {
  if (key.startsWith("sb_secret_")) return true;
  return legacyJwtRole(key) === "service_role";
}

export function legacyJwtRole(key: string): string | undefined {
  const payload = key.split(".")[1];
  if (!key.startsWith("eyJ") || !payload) return undefined;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    return typeof json?.role === "string" ? json.role : undefined;
  } catch {
    return undefined;
  }
}
