import { describe, expect, it } from "vitest";
import { SERVERLESS_WITHOUT_INNGEST } from "@/server/runs/config";
import { checkAssistant, checkRunEngine } from "./configuration";

const inngest = {
  INNGEST_EVENT_KEY: "event-key-0123456789",
  INNGEST_SIGNING_KEY: "signkey-prod-0123456789abcdef",
};

describe("the health check's run engine", () => {
  it.each([
    [{}, { ok: true, engine: "in-process", serverless: false }],
    [inngest, { ok: true, engine: "inngest", serverless: false }],
    [
      { ...inngest, VERCEL: "1" },
      { ok: true, engine: "inngest", serverless: true },
    ],
    [{ INNGEST_DEV: "1" }, { ok: true, engine: "inngest", serverless: false }],
    [{ VERCEL: "1" }, { ok: false, engine: null, serverless: true, detail: SERVERLESS_WITHOUT_INNGEST }],
  ])("with %j reports %j", (env, expected) => {
    expect(checkRunEngine(env)).toEqual(expected);
  });
});

describe("the health check's AI provider", () => {
  it("reports none configured as fine", () => {
    expect(checkAssistant({})).toEqual({ ok: true, configured: false });
  });

  it.each([
    [{ ANTHROPIC_API_KEY: "sk-ant-secret-1" }, { provider: "anthropic", model: "claude-sonnet-4-5" }],
    [
      { OPENAI_API_KEY: "sk-secret-1", TRYLIATE_ASSISTANT_MODEL: "gpt-x" },
      { provider: "openai", model: "gpt-x" },
    ],
    [
      {
        TRYLIATE_ASSISTANT_BASE_URL: "http://10.1.2.3:11434/v1",
        TRYLIATE_ASSISTANT_MODEL: "llama",
        TRYLIATE_ASSISTANT_API_KEY: "secret-1",
      },
      { provider: "openai-compatible", model: "llama" },
    ],
  ])("names the provider and model of %j, never a key or an endpoint", (env, expected) => {
    const check = checkAssistant(env);
    expect(check).toEqual({ ok: true, configured: true, ...expected });
    expect(JSON.stringify(check)).not.toMatch(/secret|10\.1\.2\.3/);
  });

  it("fails on an incomplete provider, naming the variable and not the values", () => {
    const check = checkAssistant({ TRYLIATE_ASSISTANT_PROVIDER: "anthropic", OPENAI_API_KEY: "sk-secret-2" });
    expect(check).toEqual({
      ok: false,
      configured: false,
      detail: "- ANTHROPIC_API_KEY: is not set (TRYLIATE_ASSISTANT_PROVIDER is anthropic)",
    });
    expect(JSON.stringify(check)).not.toContain("sk-secret-2");
  });
});
