import "server-only";
import { z } from "zod";
import { EnvError, parseEnv } from "@/lib/env/parse";
import { processSingleton } from "@/server/platform/process-singleton";

/**
 * The assistant's configuration, read from the server's environment only. Keys stay here: they
 * are handed to the provider package and never returned, logged or sent to the browser.
 */
export type ProviderConfig =
  | { kind: "openai"; apiKey: string; model: string; baseURL?: string }
  | { kind: "anthropic"; apiKey: string; model: string }
  | { kind: "openai-compatible"; baseURL: string; model: string; apiKey?: string };

export type BudgetConfig = { requestsPerMinute: number; tokensPerDay: number };

export type AssistantConfig = { provider: ProviderConfig | null; budget: BudgetConfig };

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: "must be a whole number above 0" })
    .int("must be a whole number above 0")
    .positive("must be a whole number above 0")
    .default(fallback);

// One token: a key pasted with a space or a line break in it fails at the provider, much later.
const apiKey = z.string().regex(/^\S+$/, "must be one token, without spaces or line breaks").optional();

const envSchema = z.object({
  TRYLIATE_ASSISTANT_PROVIDER: z
    .enum(
      ["openai", "anthropic", "openai-compatible", "none"],
      "must be openai, anthropic, openai-compatible or none",
    )
    .optional(),
  TRYLIATE_ASSISTANT_MODEL: z.string().min(1).optional(),
  TRYLIATE_ASSISTANT_BASE_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL, such as http://127.0.0.1:11434/v1" })
    .optional(),
  TRYLIATE_ASSISTANT_API_KEY: apiKey,
  OPENAI_API_KEY: apiKey,
  ANTHROPIC_API_KEY: apiKey,
  TRYLIATE_ASSISTANT_REQUESTS_PER_MINUTE: positiveInt(10),
  TRYLIATE_ASSISTANT_TOKENS_PER_DAY: positiveInt(200_000),
});

export const DEFAULT_MODELS = { openai: "gpt-4.1-mini", anthropic: "claude-sonnet-4-5" } as const;

const notSet = (name: string, why: string) =>
  new EnvError(`Invalid environment configuration:\n  - ${name}: is not set (${why})`);

/**
 * Which provider the environment configures: explicit, else a base URL, else an OpenAI key, else
 * an Anthropic key. A bad or incomplete combination throws an EnvError naming each variable, so the
 * server's start-up check (server/platform/env/env.ts) reports it with the others.
 */
export function readAssistantConfig(source: Record<string, string | undefined>): AssistantConfig {
  const blankless = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const env = parseEnv(envSchema, blankless);
  const budget = {
    requestsPerMinute: env.TRYLIATE_ASSISTANT_REQUESTS_PER_MINUTE,
    tokensPerDay: env.TRYLIATE_ASSISTANT_TOKENS_PER_DAY,
  };
  const kind =
    env.TRYLIATE_ASSISTANT_PROVIDER ??
    (env.TRYLIATE_ASSISTANT_BASE_URL
      ? "openai-compatible"
      : env.OPENAI_API_KEY
        ? "openai"
        : env.ANTHROPIC_API_KEY
          ? "anthropic"
          : "none");
  const model = env.TRYLIATE_ASSISTANT_MODEL;
  const chosen = `TRYLIATE_ASSISTANT_PROVIDER is ${kind}`;
  switch (kind) {
    case "none":
      if (model && !env.TRYLIATE_ASSISTANT_PROVIDER) {
        throw new EnvError(
          "Invalid environment configuration:\n  - TRYLIATE_ASSISTANT_MODEL: is set, but no provider is (set OPENAI_API_KEY, ANTHROPIC_API_KEY or TRYLIATE_ASSISTANT_BASE_URL)",
        );
      }
      return { provider: null, budget };
    case "openai": {
      const key = env.TRYLIATE_ASSISTANT_API_KEY ?? env.OPENAI_API_KEY;
      if (!key) throw notSet("OPENAI_API_KEY", chosen);
      return { provider: { kind, apiKey: key, model: model ?? DEFAULT_MODELS.openai }, budget };
    }
    case "anthropic": {
      const key = env.TRYLIATE_ASSISTANT_API_KEY ?? env.ANTHROPIC_API_KEY;
      if (!key) throw notSet("ANTHROPIC_API_KEY", chosen);
      return { provider: { kind, apiKey: key, model: model ?? DEFAULT_MODELS.anthropic }, budget };
    }
    case "openai-compatible": {
      const baseURL = env.TRYLIATE_ASSISTANT_BASE_URL;
      if (!baseURL)
        throw notSet(
          "TRYLIATE_ASSISTANT_BASE_URL",
          `${chosen}: the endpoint, such as http://127.0.0.1:11434/v1`,
        );
      if (!model) throw notSet("TRYLIATE_ASSISTANT_MODEL", "the model the endpoint serves");
      const key = env.TRYLIATE_ASSISTANT_API_KEY;
      return { provider: { kind, baseURL, model, ...(key ? { apiKey: key } : {}) }, budget };
    }
  }
}

export function getAssistantConfig(): AssistantConfig {
  return processSingleton("assistant-config", () => readAssistantConfig(process.env));
}
