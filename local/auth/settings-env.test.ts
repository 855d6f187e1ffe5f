import { afterEach, describe, expect, it, vi } from "vitest";
import { localStackConfig } from "../config";

// `npm run dev` builds its stack with localStackConfig, which reads GoTrue's settings from
// TRYLIATE_AUTH_*: what the clients' own test suites need (autoconfirm, generous limits).

afterEach(() => vi.unstubAllEnvs());

describe("the local stack's Auth settings from TRYLIATE_AUTH_*", () => {
  it("takes GoTrue's test settings: autoconfirm and every rate limit", () => {
    const env = {
      TRYLIATE_AUTH_MAILER_AUTOCONFIRM: "true",
      TRYLIATE_AUTH_SIGN_IN_RATE_LIMIT: "10000",
      TRYLIATE_AUTH_VERIFY_RATE_LIMIT: "10001",
      TRYLIATE_AUTH_MFA_VERIFY_RATE_LIMIT: "10002",
      TRYLIATE_AUTH_EMAIL_MAX_FREQUENCY: "0",
      TRYLIATE_AUTH_EMAIL_RATE_LIMIT: "10003",
    };
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const config = localStackConfig({ databaseUrl: "postgresql://unused" });
    expect(config.signInRateLimit).toBe(10000);
    expect(config.auth).toMatchObject({
      mailerAutoconfirm: true,
      verifyRateLimit: 10001,
      mfaVerifyRateLimit: 10002,
      emailMaxFrequency: 0,
      emailRateLimit: 10003,
    });
  });

  it("keeps a new project's defaults when nothing is set", () => {
    for (const name of ["TRYLIATE_AUTH_MAILER_AUTOCONFIRM", "TRYLIATE_AUTH_VERIFY_RATE_LIMIT"])
      vi.stubEnv(name, "");
    const config = localStackConfig({ databaseUrl: "postgresql://unused" });
    expect(config.auth).toMatchObject({ mailerAutoconfirm: false, verifyRateLimit: 30 });
  });

  it("refuses a limit that is not a whole number, naming the variable", () => {
    vi.stubEnv("TRYLIATE_AUTH_VERIFY_RATE_LIMIT", "lots");
    expect(() => localStackConfig({ databaseUrl: "postgresql://unused" })).toThrow(
      /TRYLIATE_AUTH_VERIFY_RATE_LIMIT must be a whole number/,
    );
  });
});
