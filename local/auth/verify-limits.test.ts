import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, uniqueEmail } from "../../test/auth-clients";
import { postAuthFrom } from "../../test/auth-from";
import { emailLink, nextEmail } from "../../test/inbox";
import { startTestStack } from "../../test/local-stack";
import type { LocalStack } from "../server";

const LIMIT = 5;

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({ auth: { verifyRateLimit: LIMIT } });
});
afterAll(() => stack?.close());

const verifyFrom = (from: string, body: Record<string, unknown>) =>
  postAuthFrom(stack, "/verify", body, from);

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");
const limited = {
  status: 429,
  body: { code: "over_request_rate_limit", message: "Request rate limit reached" },
};

async function magicLinkCode(email: string) {
  const { client } = testClient(stack);
  await client.auth.signUp({ email, password: "a-password" });
  expect((await client.auth.signInWithOtp({ email })).error).toBeNull();
  return emailLink(await nextEmail(stack, email)).code;
}

describe("POST /verify attempts are limited (GoTrue's RATE_LIMIT_VERIFY)", () => {
  it("per address: after the allowance, even the right code answers 429, from any IP", async () => {
    const email = uniqueEmail("verify-limit");
    const code = await magicLinkCode(email);
    for (let attempt = 0; attempt < LIMIT; attempt++) {
      const from = `127.0.0.${10 + attempt}`;
      const wrong = await verifyFrom(from, { email, token: wrongCode(code), type: "email" });
      expect(wrong).toEqual({
        status: 403,
        body: { code: "otp_expired", message: "Token has expired or is invalid" },
      });
    }
    expect(await verifyFrom("127.0.0.20", { email, token: code, type: "email" })).toEqual(limited);
  });

  it("per IP: one address cannot try codes for many addresses past the allowance", async () => {
    const from = "127.0.0.30";
    for (let attempt = 0; attempt < LIMIT; attempt++) {
      const wrong = await verifyFrom(from, { email: uniqueEmail("spray"), token: "123456", type: "email" });
      expect(wrong.status).toBe(403);
    }
    const email = uniqueEmail("verify-ip");
    const code = await magicLinkCode(email);
    expect(await verifyFrom(from, { email, token: code, type: "email" })).toEqual(limited);
    // The same right code from another address still works: the limit is that IP's.
    const signedIn = await verifyFrom("127.0.0.31", { email, token: code, type: "email" });
    expect(signedIn.status).toBe(200);
  });

  it("counts the email links (GET /verify) per IP too", async () => {
    const url = new URL("/auth/v1/verify?token=pkce_nothing&type=magiclink", stack.url);
    for (let attempt = 0; attempt < LIMIT; attempt++) {
      expect((await fetch(url, { redirect: "manual" })).status).toBe(303);
    }
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(429);
  });
});
