import "server-only";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, DEFAULT_SECRET_KEY } from "@/lib/env/defaults";
import { EnvError, isLocalStack, parseEnv, pick } from "@/lib/env/parse";
import { isSecretKey, notSet, type PublicEnv, parsePublicEnv, publicEnv } from "@/lib/env/public";
import { CredentialKeyError, KEYRING_VARIABLE, parseKeyring } from "@/server/platform/crypto/keyring";
import { processSingleton } from "@/server/platform/process-singleton";
import { readAssistantConfig } from "./assistant";

type Source = Record<string, string | undefined>;

const postgresUrl = z
  .string({ error: notSet("a postgresql:// connection string; on Vercel the transaction pooler, port 6543") })
  .refine(isPostgresUrl, "must be a postgres:// or postgresql:// connection string with a host");

const secretKey = z
  .string({ error: notSet("the project's secret key, sb_secret_…, or its legacy service_role key") })
  .min(20, "must be the project's secret (service role) key")
  .refine(
    (value) => isSecretKey(value) || !/^(sb_publishable_|eyJ)/.test(value),
    "is a publishable (anon) key, not a secret key",
  );

/** A whole number from min to max, with a default: `words` says what it counts ("whole number", "whole number of days"). */
function wholeNumber(min: number, max: number, fallback: number, words = "whole number") {
  const message = `must be a ${words} from ${min} to ${max}`;
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(min, message)
    .max(max, message)
    .default(fallback);
}

// Each function instance keeps its own pool: on serverless hosts many instances share the pooler.
const poolMax = wholeNumber(1, 100, 5);

// The keyring that encrypts MCP credentials, checked by the parser that reads it (server/platform/crypto).
const credentialsKeys = z
  .string({ error: notSet('the credentials keyring, "<key id>:<base64 of 32 random bytes>"') })
  .superRefine((value, ctx) => {
    const problem = keyringProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

// How long finished runs and their logs are kept before the retention job deletes them.
const retentionDays = wholeNumber(1, 3650, 30, "whole number of days");

const inngestSigningKey = z
  .string()
  .regex(/^signkey-[a-z]+-[0-9a-f]{16,}$/, "must be an Inngest signing key, signkey-<env>-<hex>")
  .optional();

const serverEnvSchema = (localStack: boolean) =>
  z.object({
    DATABASE_URL: postgresUrl,
    SUPABASE_SECRET_KEY: secretKey,
    TRYLIATE_DB_POOL_MAX: poolMax,
    TRYLIATE_RUN_RETENTION_DAYS: retentionDays,
    // Locally a key file in the data folder stands in; a deployment must bring its own keyring.
    TRYLIATE_CREDENTIALS_KEYS: localStack ? credentialsKeys.optional() : credentialsKeys,
    INNGEST_EVENT_KEY: z.string().min(10, "must be an Inngest event key").optional(),
    INNGEST_SIGNING_KEY: inngestSigningKey,
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  });

export type ServerEnv = z.infer<ReturnType<typeof serverEnvSchema>> & PublicEnv;

/** Reads and validates the server's configuration once; a bad variable fails with its name. */
export function getServerEnv(): ServerEnv {
  return processSingleton("server-env", () => readServerEnv(process.env));
}

/** Every variable checked together, so one message names each missing or malformed one. */
export function readServerEnv(source: Source): ServerEnv {
  const allowDefaults = isLocalStack(source);
  const errors: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      errors.push(...error.message.split("\n").slice(1));
      return undefined;
    }
  };
  const server = attempt(() =>
    parseEnv(serverEnvSchema(allowDefaults), {
      DATABASE_URL: pick([source.DATABASE_URL], DEFAULT_DATABASE_URL, allowDefaults),
      SUPABASE_SECRET_KEY: pick(
        [source.SUPABASE_SECRET_KEY, source.SUPABASE_SERVICE_ROLE_KEY],
        DEFAULT_SECRET_KEY,
        allowDefaults,
      ),
      TRYLIATE_DB_POOL_MAX: source.TRYLIATE_DB_POOL_MAX?.trim() || undefined,
      TRYLIATE_RUN_RETENTION_DAYS: source.TRYLIATE_RUN_RETENTION_DAYS?.trim() || undefined,
      TRYLIATE_CREDENTIALS_KEYS: source.TRYLIATE_CREDENTIALS_KEYS?.trim() || undefined,
      INNGEST_EVENT_KEY: source.INNGEST_EVENT_KEY || undefined,
      INNGEST_SIGNING_KEY: source.INNGEST_SIGNING_KEY || undefined,
      NODE_ENV: source.NODE_ENV,
    }),
  );
  const pub = attempt(() => parsePublicEnv(source, allowDefaults));
  attempt(() => readAssistantConfig(source));
  // Inngest needs both keys or neither: one alone is a half-done setup.
  for (const [name, other] of [
    ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"],
    ["INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY"],
  ] as const) {
    if (source[other] && !source[name]) errors.push(`  - ${name}: is not set, but ${other} is`);
  }
  if (!server || !pub || errors.length)
    throw new EnvError(`Invalid environment configuration:\n${errors.join("\n")}`);
  return { ...server, ...pub };
}

/**
 * NEXT_PUBLIC_* values are fixed by `next build`; the browser keeps using those. A start with other
 * values would have server and browser talk to different projects, so it is refused.
 */
export function checkBuiltPublicEnv(runtime: PublicEnv, built: PublicEnv = publicEnv): void {
  const lines = (Object.keys(built) as Array<keyof PublicEnv>)
    .filter((name) => runtime[name] !== built[name])
    .map(
      (name) => `  - ${name}: differs from the value the app was built with; build again after changing it`,
    );
  if (lines.length) throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
}

function isPostgresUrl(value: string): boolean {
  if (!/^postgres(ql)?:\/\//.test(value)) return false;
  try {
    return new URL(value).hostname !== "";
  } catch {
    return false;
  }
}

/** What is wrong with a keyring, in the words of the parser the app reads it with (no key in it). */
function keyringProblem(value: string): string | undefined {
  try {
    parseKeyring(value, KEYRING_VARIABLE);
    return undefined;
  } catch (error) {
    if (!(error instanceof CredentialKeyError)) throw error;
    return error.message.replace(new RegExp(`^${KEYRING_VARIABLE}:? `), "");
  }
}
