import path from "node:path";
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY, DEFAULT_SUPABASE_PORT } from "../lib/env/defaults";
import { type AuthSettings, authSettingsFromEnv } from "./auth/settings";
import { DATA_DIR } from "./db/prepare";

/** Like `supabase start`: the inbox beside the API (54324), SMTP and the OpenID provider next to it. */
export const DEFAULT_INBOX_PORT = 54324;
export const DEFAULT_SMTP_PORT = 54325;
export const DEFAULT_OIDC_PORT = 54326;

/** Everything the local Supabase-compatible stack needs to know; defaults mirror `supabase start`. */
export type LocalStackConfig = {
  databaseUrl: string;
  /** Port of the Auth + Realtime HTTP server; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** Where the signing key is kept between starts. */
  dataDir: string;
  publishableKey: string;
  secretKey: string;
  /** Seconds an access token lives (GoTrue's JWT_EXP). */
  accessTokenTtl: number;
  /** Password sign-ins per 5 minutes, per client IP and per email (Supabase's "sign-ins and sign-ups" limit). */
  signInRateLimit: number;
  /** Browser origins allowed to call the stack (CORS), like the project's allowed origins. */
  allowedOrigins: string[];
  /** Realtime refuses public (non-private) channels: Supabase's "Allow public access" off. */
  realtimePrivateOnly: boolean;
  /** GoTrue's project settings (local/auth/settings.ts). */
  auth: AuthSettings;
  /** The mail catcher's inbox page and JSON API; 0 picks a free one. */
  inboxPort: number;
  /** The mail catcher's SMTP port, where the Auth server sends its emails; 0 picks a free one. */
  smtpPort: number;
  /** The local OpenID Connect provider standing in for GitHub and Google; 0 picks a free one. */
  oidcPort: number;
};

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number, got "${raw}"`);
  return value;
}

export function localStackConfig(
  overrides: Partial<LocalStackConfig> & { databaseUrl: string },
): LocalStackConfig {
  // A stack on a free API port (tests, benchmarks) takes free ports for its side services too.
  const freePorts = overrides.port === 0;
  return {
    port: Number(process.env.TRYLIATE_SUPABASE_PORT ?? DEFAULT_SUPABASE_PORT),
    host: "127.0.0.1",
    dataDir: path.join(DATA_DIR, "local-supabase"),
    publishableKey: process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY || DEFAULT_PUBLISHABLE_KEY,
    secretKey: process.env.SUPABASE_SECRET_KEY || DEFAULT_SECRET_KEY,
    accessTokenTtl: Number(process.env.TRYLIATE_JWT_EXPIRY ?? 3600),
    signInRateLimit: Number(process.env.TRYLIATE_AUTH_SIGN_IN_RATE_LIMIT ?? 30),
    allowedOrigins: [],
    realtimePrivateOnly: false,
    auth: authSettingsFromEnv(),
    inboxPort: freePorts ? 0 : portFromEnv("TRYLIATE_INBOX_PORT", DEFAULT_INBOX_PORT),
    smtpPort: freePorts ? 0 : portFromEnv("TRYLIATE_SMTP_PORT", DEFAULT_SMTP_PORT),
    oidcPort: freePorts ? 0 : portFromEnv("TRYLIATE_OIDC_PORT", DEFAULT_OIDC_PORT),
    ...overrides,
  };
}
