import "server-only";
import { z } from "zod";

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

const positiveInt = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be above 0`)
    .default(fallback);

const envSchema = z.object({
  TRYLIATE_ASSISTANT_PROVIDER: z.enum(["openai", "anthropic", "openai-compatible", "none"]).optional(),
  TRYLIATE_ASSISTANT_MODEL: z.string().min(1).optional(),
  TRYLIATE_ASSISTANT_BASE_URL: z.url("TRYLIATE_ASSISTANT_BASE_URL must be a URL").optional(),
  TRYLIATE_ASSISTANT_API_KEY: z.string().min(1).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  TRYLIATE_ASSISTANT_REQUESTS_PER_MINUTE: positiveInt("TRYLIATE_ASSISTANT_REQUESTS_PER_MINUTE", 10),
  TRYLIATE_ASSISTANT_TOKENS_PER_DAY: positiveInt("TRYLIATE_ASSISTANT_TOKENS_PER_DAY", 200_000),
});

export const DEFAULT_MODELS = { openai: "gpt-4.1-mini", anthropic: "claude-sonnet-4-5" } as const;

/** Which provider the environment configures: explicit, else a base URL, else an OpenAI key, else an Anthropic key. */
export function readAssistantConfig(source: Record<string, string | undefined>): AssistantConfig {
  const blankless = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(blankless);
  if (!parsed.success) {
    throw new Error(
      `Invalid assistant configuration: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
    );
  }
  const env = parsed.data;
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
  switch (kind) {
    case "none":
      return { provider: null, budget };
    case "openai": {
      const apiKey = env.TRYLIATE_ASSISTANT_API_KEY ?? env.OPENAI_API_KEY;
      if (!apiKey) throw new Error("Invalid assistant configuration: OPENAI_API_KEY is not set");
      return { provider: { kind, apiKey, model: model ?? DEFAULT_MODELS.openai }, budget };
    }
    case "anthropic": {
      const apiKey = env.TRYLIATE_ASSISTANT_API_KEY ?? env.ANTHROPIC_API_KEY;
      if (!apiKey) throw new Error("Invalid assistant configuration: ANTHROPIC_API_KEY is not set");
      return { provider: { kind, apiKey, model: model ?? DEFAULT_MODELS.anthropic }, budget };
    }
    case "openai-compatible": {
      const baseURL = env.TRYLIATE_ASSISTANT_BASE_URL;
      if (!baseURL)
        throw new Error("Invalid assistant configuration: TRYLIATE_ASSISTANT_BASE_URL is not set");
      if (!model) throw new Error("Invalid assistant configuration: TRYLIATE_ASSISTANT_MODEL is not set");
      const apiKey = env.TRYLIATE_ASSISTANT_API_KEY;
      return { provider: { kind, baseURL, model, ...(apiKey ? { apiKey } : {}) }, budget };
    }
  }
}

let cached: AssistantConfig | undefined;
export function getAssistantConfig(): AssistantConfig {
  cached ??= readAssistantConfig(process.env);
  return cached;
}
