import "server-only";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, DEFAULT_SECRET_KEY } from "../lib/env/defaults";
import { parseEnv, parsePublicEnv } from "../lib/env/public";

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, "must be a postgres:// or postgresql:// connection string");

const serverEnvSchema = z.object({
  DATABASE_URL: postgresUrl,
  SUPABASE_SECRET_KEY: z.string().min(20, "must be the project's secret (service role) key"),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
});

export type ServerEnv = z.infer<typeof serverEnvSchema> & ReturnType<typeof parsePublicEnv>;

let cached: ServerEnv | undefined;

/** Reads and validates the server's configuration once; a bad variable fails with its name. */
export function getServerEnv(): ServerEnv {
  cached ??= readServerEnv(process.env);
  return cached;
}

export function readServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const server = parseEnv(serverEnvSchema, {
    DATABASE_URL: source.DATABASE_URL || DEFAULT_DATABASE_URL,
    SUPABASE_SECRET_KEY: source.SUPABASE_SECRET_KEY || source.SUPABASE_SERVICE_ROLE_KEY || DEFAULT_SECRET_KEY,
    NODE_ENV: source.NODE_ENV,
  });
  return { ...server, ...parsePublicEnv(source) };
}
