import { readAssistantConfig } from "@/server/platform/env/assistant";
import { runsAvailability } from "@/server/runs";

type Source = Record<string, string | undefined>;

export type RunsCheck = {
  ok: boolean;
  engine: "in-process" | "inngest" | null;
  serverless: boolean;
  detail?: string;
};
export type AssistantCheck = {
  ok: boolean;
  configured: boolean;
  provider?: string;
  model?: string;
  detail?: string;
};

/** Which engine runs workflows here, or the one sentence saying what to configure. */
export function checkRunEngine(env: Source = process.env): RunsCheck {
  const runs = runsAvailability(env);
  if (!runs.ready) return { ok: false, engine: null, serverless: true, detail: runs.message };
  return { ok: true, engine: runs.engine, serverless: runs.serverless };
}

/**
 * Which AI provider the assistant uses, if any (none is a valid choice: the panel then says how to
 * set one). Its kind and model only: never a key, nor the address of a self-hosted endpoint.
 */
export function checkAssistant(env: Source = process.env): AssistantCheck {
  try {
    const { provider } = readAssistantConfig(env);
    if (!provider) return { ok: true, configured: false };
    return { ok: true, configured: true, provider: provider.kind, model: provider.model };
  } catch (error) {
    // The message names variables and what is wrong with them, never their values.
    return {
      ok: false,
      configured: false,
      detail: (error as Error).message.split("\n").slice(1).join(" ").trim(),
    };
  }
}
