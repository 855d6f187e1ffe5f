import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack } from "../../test/local-stack";
import type { LocalStack } from "../server";

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({
    auth: { mailerAutoconfirm: false, externalProviders: ["email", "github", "google"] },
  });
});
afterAll(() => stack?.close());

describe("GET /auth/v1/settings", () => {
  it("reports the configured providers and autoconfirm as GoTrue does", async () => {
    const response = await fetch(`${stack.url}/auth/v1/settings`, {
      headers: { apikey: stack.context.config.publishableKey },
    });
    const body = await response.json();
    expect(body).toMatchObject({ mailer_autoconfirm: false, disable_signup: false });
    expect(body.external).toMatchObject({
      email: true,
      github: true,
      google: true,
      apple: false,
      phone: false,
    });
  });
});
