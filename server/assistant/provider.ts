import "server-only";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import type { ProviderConfig } from "@/server/platform/env/assistant";

/** The language model of the configured provider, through the AI SDK's own provider packages. */
export function languageModel(config: ProviderConfig): LanguageModel {
  switch (config.kind) {
    case "openai":
      return createOpenAI({ apiKey: config.apiKey })(config.model);
    case "anthropic":
      return createAnthropic({ apiKey: config.apiKey })(config.model);
    case "openai-compatible":
      return createOpenAICompatible({
        name: "openai-compatible",
        baseURL: config.baseURL,
        ...(config.apiKey ? { apiKey: config.apiKey } : {}),
      }).chatModel(config.model);
  }
}

/** What the panel may show about the provider: never a key or a URL. */
export function providerLabel(config: ProviderConfig): string {
  const name = {
    openai: "OpenAI",
    anthropic: "Anthropic",
    "openai-compatible": "OpenAI-compatible endpoint",
  }[config.kind];
  return `${name} · ${config.model}`;
}
