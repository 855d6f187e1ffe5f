import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, DEFAULT_SUPABASE_URL } from "../lib/env/defaults";
import { EnvError } from "../lib/env/public";
import { readServerEnv } from "./env";

describe("server environment", () => {
  it("falls back to the embedded defaults when nothing is set", () => {
    const env = readServerEnv({});
    expect(env.DATABASE_URL).toBe(DEFAULT_DATABASE_URL);
    expect(env.NEXT_PUBLIC_SUPABASE_URL).toBe(DEFAULT_SUPABASE_URL);
    expect(env.NODE_ENV).toBe("development");
  });

  it("accepts a real project's configuration, including the legacy anon key name", () => {
    const env = readServerEnv({
      DATABASE_URL: "postgresql://postgres.abc:pw@aws-0-eu-central-1.pooler.supabase.com:5432/postgres",
      NEXT_PUBLIC_SUPABASE_URL: "https://abcdefgh.supabase.co",
      NEXT_PUBLIC_SUPABASE_ANON_KEY: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.legacy",
      SUPABASE_SECRET_KEY: "sb_secret_0123456789abcdefghij",
      NODE_ENV: "production",
    });
    expect(env.NEXT_PUBLIC_SUPABASE_URL).toBe("https://abcdefgh.supabase.co");
    expect(env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY).toMatch(/^eyJ/);
  });

  it.each([
    ["DATABASE_URL", { DATABASE_URL: "mysql://localhost/db" }, /DATABASE_URL: must be a postgres/],
    ["NEXT_PUBLIC_SUPABASE_URL", { NEXT_PUBLIC_SUPABASE_URL: "not a url" }, /NEXT_PUBLIC_SUPABASE_URL: must be the URL/],
    ["NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", { NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "short" }, /PUBLISHABLE_KEY/],
    ["SUPABASE_SECRET_KEY", { SUPABASE_SECRET_KEY: "short" }, /SUPABASE_SECRET_KEY: must be/],
    ["NODE_ENV", { NODE_ENV: "staging" }, /NODE_ENV/],
  ])("names %s when it is invalid", (_name, source, message) => {
    expect(() => readServerEnv(source)).toThrow(EnvError);
    expect(() => readServerEnv(source)).toThrow(message);
  });
});
