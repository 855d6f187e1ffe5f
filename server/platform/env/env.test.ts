import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, DEFAULT_SUPABASE_URL } from "@/lib/env/defaults";
import { EnvError } from "@/lib/env/public";
import { checkBuiltPublicEnv, readServerEnv } from "./env";

// A deployment's configuration: every variable set explicitly, NODE_ENV=production.
const deployment = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://postgres.abc:pw@aws-0-eu-central-1.pooler.supabase.com:6543/postgres",
  NEXT_PUBLIC_SUPABASE_URL: "https://abcdefgh.supabase.co",
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_0123456789abcdefghij",
  SUPABASE_SECRET_KEY: "sb_secret_0123456789abcdefghij",
  TRYLIATE_CREDENTIALS_KEYS: `k2026:${Buffer.alloc(32, 7).toString("base64")}`,
};
const key32 = (fill: number) => Buffer.alloc(32, fill).toString("base64");

// A legacy JWT key of the given role (the signature is not checked here).
const legacyKey = (role: string) =>
  `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ role, iss: "supabase" })).toString("base64url")}.signature`;

function errorOf(source: Record<string, string | undefined>): string {
  try {
    readServerEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("server environment on the local stack", () => {
  it("falls back to the embedded defaults in development and tests", () => {
    const env = readServerEnv({});
    expect(env.DATABASE_URL).toBe(DEFAULT_DATABASE_URL);
    expect(env.NEXT_PUBLIC_SUPABASE_URL).toBe(DEFAULT_SUPABASE_URL);
    expect(env.NODE_ENV).toBe("development");
    expect(env.TRYLIATE_DB_POOL_MAX).toBe(5);
    expect(env.TRYLIATE_RUN_RETENTION_DAYS).toBe(30);
  });

  it("falls back to them in production only with the local stack's marker", () => {
    expect(readServerEnv({ NODE_ENV: "production", TRYLIATE_LOCAL_STACK: "1" }).DATABASE_URL).toBe(
      DEFAULT_DATABASE_URL,
    );
  });
});

describe("server environment of a deployment", () => {
  it("accepts a real project's configuration, including the legacy key names", () => {
    const env = readServerEnv({
      ...deployment,
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: undefined,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: legacyKey("anon"),
      SUPABASE_SECRET_KEY: undefined,
      SUPABASE_SERVICE_ROLE_KEY: legacyKey("service_role"),
      TRYLIATE_DB_POOL_MAX: "2",
      TRYLIATE_RUN_RETENTION_DAYS: "7",
    });
    expect(env.NEXT_PUBLIC_SUPABASE_URL).toBe("https://abcdefgh.supabase.co");
    expect(env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY).toBe(legacyKey("anon"));
    expect(env.SUPABASE_SECRET_KEY).toBe(legacyKey("service_role"));
    expect(env.TRYLIATE_DB_POOL_MAX).toBe(2);
    expect(env.TRYLIATE_RUN_RETENTION_DAYS).toBe(7);
    expect(errorOf({ ...deployment, TRYLIATE_RUN_RETENTION_DAYS: "0" })).toContain(
      "TRYLIATE_RUN_RETENTION_DAYS: must be a whole number of days from 1 to 3650",
    );
  });

  it("accepts a keyring of several keys (the first is current)", () => {
    const keys = `k2026:${key32(1)}, k2025:${key32(2)}`;
    expect(readServerEnv({ ...deployment, TRYLIATE_CREDENTIALS_KEYS: keys }).TRYLIATE_CREDENTIALS_KEYS).toBe(
      keys,
    );
  });

  it("names every missing variable in one message", () => {
    const message = errorOf({ NODE_ENV: "production" });
    for (const name of [
      "DATABASE_URL",
      "SUPABASE_SECRET_KEY",
      "NEXT_PUBLIC_SUPABASE_URL",
      "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY",
      "TRYLIATE_CREDENTIALS_KEYS",
    ]) {
      expect(message).toMatch(new RegExp(`- ${name}: is not set \\(`));
    }
    expect(message.split("\n")).toHaveLength(6);
  });

  it.each([
    ["DATABASE_URL", ""],
    ["NEXT_PUBLIC_SUPABASE_URL", "  "],
    ["NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", ""],
    ["SUPABASE_SECRET_KEY", ""],
    ["TRYLIATE_CREDENTIALS_KEYS", " "],
  ])("treats an empty %s as not set", (name, value) => {
    expect(errorOf({ ...deployment, [name]: value })).toMatch(new RegExp(`^  - ${name}: is not set`, "m"));
  });

  it.each([
    ["DATABASE_URL", "mysql://localhost/db", /must be a postgres/],
    ["DATABASE_URL", "postgresql://", /must be a postgres/],
    ["NEXT_PUBLIC_SUPABASE_URL", "not a url", /must be an http\(s\) URL/],
    ["NEXT_PUBLIC_SUPABASE_URL", "ftp://abcdefgh.supabase.co", /must be an http\(s\) URL/],
    ["NEXT_PUBLIC_SUPABASE_URL", "https://abcdefgh.supabase.co/rest/v1", /without a path/],
    ["NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "short", /publishable \(anon\) key/],
    ["NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "sb_secret_0123456789abcdefghij", /is a secret key/],
    ["NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", legacyKey("service_role"), /is a secret key/],
    ["SUPABASE_SECRET_KEY", "short", /secret \(service role\) key/],
    ["SUPABASE_SECRET_KEY", "sb_publishable_0123456789abcdefghij", /is a publishable/],
    ["SUPABASE_SECRET_KEY", legacyKey("anon"), /is a publishable/],
    ["TRYLIATE_CREDENTIALS_KEYS", "no-colon-here", /each entry must be "<key id>:<base64 key>"/],
    [
      "TRYLIATE_CREDENTIALS_KEYS",
      `k1:${Buffer.alloc(16).toString("base64")}`,
      /key "k1" must be 32 bytes in base64 \(it is 16 bytes\)/,
    ],
    ["TRYLIATE_CREDENTIALS_KEYS", `bad id:${key32(1)}`, /each entry must be "<key id>:<base64 key>"/],
    ["TRYLIATE_CREDENTIALS_KEYS", `k1:${key32(1)},k1:${key32(2)}`, /key id "k1" appears twice/],
    ["TRYLIATE_CREDENTIALS_KEYS", ", ,", /holds no key/],
    ["TRYLIATE_ASSISTANT_PROVIDER", "gemini", /must be openai, anthropic, openai-compatible or none/],
    ["TRYLIATE_ASSISTANT_BASE_URL", "localhost:11434/v1", /must be an http\(s\) URL/],
    ["OPENAI_API_KEY", "sk-pasted with a space", /one token, without spaces or line breaks/],
    ["ANTHROPIC_API_KEY", "sk-ant-line\nbreak", /one token/],
    ["TRYLIATE_ASSISTANT_TOKENS_PER_DAY", "lots", /whole number above 0/],
    ["TRYLIATE_DB_POOL_MAX", "0", /whole number from 1 to 100/],
    ["TRYLIATE_DB_POOL_MAX", "many", /whole number from 1 to 100/],
    ["TRYLIATE_DB_POOL_MAX", "2.5", /whole number from 1 to 100/],
    ["INNGEST_SIGNING_KEY", "not-a-signing-key", /Inngest signing key/],
    ["NODE_ENV", "staging", /NODE_ENV/],
  ])("names %s when it is %j", (name, value, message) => {
    const inngest = name === "INNGEST_SIGNING_KEY" ? { INNGEST_EVENT_KEY: "event-key-0123456789" } : {};
    const text = errorOf({ ...deployment, ...inngest, [name]: value });
    expect(text).toMatch(new RegExp(`^  - ${name}: `, "m"));
    expect(text).toMatch(message);
    expect(text.split("\n")).toHaveLength(2);
  });

  it("wants both Inngest keys or neither", () => {
    expect(errorOf({ ...deployment, INNGEST_EVENT_KEY: "event-key-0123456789" })).toMatch(
      /- INNGEST_SIGNING_KEY: is not set, but INNGEST_EVENT_KEY is/,
    );
    expect(errorOf({ ...deployment, INNGEST_SIGNING_KEY: "signkey-prod-0123456789abcdef" })).toMatch(
      /- INNGEST_EVENT_KEY: is not set, but INNGEST_SIGNING_KEY is/,
    );
    const env = readServerEnv({
      ...deployment,
      INNGEST_EVENT_KEY: "event-key-0123456789",
      INNGEST_SIGNING_KEY: "signkey-prod-0123456789abcdef",
    });
    expect(env.INNGEST_SIGNING_KEY).toBe("signkey-prod-0123456789abcdef");
  });

  it.each([
    [
      { TRYLIATE_ASSISTANT_PROVIDER: "openai" },
      "OPENAI_API_KEY: is not set (TRYLIATE_ASSISTANT_PROVIDER is openai)",
    ],
    [
      { TRYLIATE_ASSISTANT_PROVIDER: "anthropic", OPENAI_API_KEY: "sk-x" },
      "ANTHROPIC_API_KEY: is not set (TRYLIATE_ASSISTANT_PROVIDER is anthropic)",
    ],
    [
      { TRYLIATE_ASSISTANT_BASE_URL: "http://127.0.0.1:11434/v1" },
      "TRYLIATE_ASSISTANT_MODEL: is not set (the model the endpoint serves)",
    ],
    [
      { TRYLIATE_ASSISTANT_PROVIDER: "openai-compatible", TRYLIATE_ASSISTANT_MODEL: "m" },
      "TRYLIATE_ASSISTANT_BASE_URL: is not set",
    ],
    [{ TRYLIATE_ASSISTANT_MODEL: "gpt-x" }, "TRYLIATE_ASSISTANT_MODEL: is set, but no provider is"],
  ])("names the AI provider variable missing from %j", (assistant, line) => {
    const text = errorOf({ ...deployment, ...assistant });
    expect(text.split("\n")[1]).toContain(`  - ${line}`);
    expect(text.split("\n")).toHaveLength(2);
  });

  it("accepts each AI provider configured whole, and none", () => {
    for (const assistant of [
      {},
      { OPENAI_API_KEY: "sk-0123" },
      { ANTHROPIC_API_KEY: "sk-ant-0123", TRYLIATE_ASSISTANT_MODEL: "claude-x" },
      { TRYLIATE_ASSISTANT_BASE_URL: "http://127.0.0.1:11434/v1", TRYLIATE_ASSISTANT_MODEL: "llama3" },
      { TRYLIATE_ASSISTANT_PROVIDER: "none", OPENAI_API_KEY: "sk-0123" },
    ]) {
      expect(() => readServerEnv({ ...deployment, ...assistant })).not.toThrow();
    }
  });

  it("never echoes a value in its message", () => {
    const message = errorOf({
      ...deployment,
      SUPABASE_SECRET_KEY: "sb_publishable_0123456789abcdefghij",
      DATABASE_URL: "mysql://u:hunter2@h/db",
      TRYLIATE_CREDENTIALS_KEYS: `k1:${Buffer.from("hunter3-hunter3").toString("base64")}`,
      OPENAI_API_KEY: "sk-hunter4 x",
    });
    expect(message).not.toMatch(/hunter[234]|0123456789abcdefghij|aHVudGVy/);
  });

  it("refuses a start whose public values differ from the build's", () => {
    const built = {
      NEXT_PUBLIC_SUPABASE_URL: "https://abcdefgh.supabase.co",
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_0123456789abcdefghij",
    };
    const runtime = readServerEnv(deployment);
    expect(() => checkBuiltPublicEnv(runtime, built)).not.toThrow();
    const other = readServerEnv({ ...deployment, NEXT_PUBLIC_SUPABASE_URL: "https://other.supabase.co" });
    expect(() => checkBuiltPublicEnv(other, built)).toThrow(
      /^Invalid environment configuration:\n {2}- NEXT_PUBLIC_SUPABASE_URL: differs from the value the app was built with[^\n]*$/,
    );
  });
});
