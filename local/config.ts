import path from "node:path";
import {
  DEFAULT_PUBLISHABLE_KEY,
  DEFAULT_SECRET_KEY,
  DEFAULT_SUPABASE_PORT,
} from "../lib/env/defaults";
import { DATA_DIR } from "./db/prepare";

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
};

export function localStackConfig(overrides: Partial<LocalStackConfig> & { databaseUrl: string }): LocalStackConfig {
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
    ...overrides,
  };
}
