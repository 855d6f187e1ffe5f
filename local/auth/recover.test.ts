import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, uniqueEmail } from "../../test/auth-clients";
import { emailLink, inboxFor, nextEmail } from "../../test/inbox";
import { startTestStack } from "../../test/local-stack";
import type { LocalStack } from "../server";

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({
    auth: { siteUrl: "http://localhost:3000", additionalRedirectUrls: ["https://app.example.test/**"] },
  });
});
afterAll(() => stack?.close());

async function signedUpUser() {
  const email = uniqueEmail("recover");
  const { client } = testClient(stack);
  const { error } = await client.auth.signUp({ email, password: "first-password" });
  expect(error).toBeNull();
  return email;
}

describe("password recovery (POST /recover, POST /verify type recovery)", () => {
  it("emails a link to the app's /auth/confirm; verifyOtp with its token_hash signs in once", async () => {
    const email = await signedUpUser();
    const { client } = testClient(stack);
    const sent = await client.auth.resetPasswordForEmail(email, {
      redirectTo: "http://localhost:3000/reset-password",
    });
    expect(sent.error).toBeNull();
    const message = await nextEmail(stack, email);
    expect(message.subject).toBe("Reset Your Password");
    const link = emailLink(message);
    expect(link.url.origin + link.url.pathname).toBe("http://localhost:3000/auth/confirm");
    expect(link).toMatchObject({ type: "recovery", next: "/reset-password" });
    expect(link.tokenHash).toMatch(/^[0-9a-f]{56}$/);

    const verified = await client.auth.verifyOtp({ token_hash: link.tokenHash, type: "recovery" });
    expect(verified.error).toBeNull();
    expect(verified.data.session?.user.email).toBe(email);
    const changed = await client.auth.updateUser({ password: "second-password" });
    expect(changed.error).toBeNull();
    const signIn = await testClient(stack).client.auth.signInWithPassword({
      email,
      password: "second-password",
    });
    expect(signIn.error).toBeNull();

    const again = await testClient(stack).client.auth.verifyOtp({
      token_hash: link.tokenHash,
      type: "recovery",
    });
    expect(again.error).toMatchObject({ status: 403, code: "otp_expired" });
  });

  it("accepts the six-digit code with the email, once", async () => {
    const email = await signedUpUser();
    const { client } = testClient(stack);
    await client.auth.resetPasswordForEmail(email);
    const { code } = emailLink(await nextEmail(stack, email));
    const wrong = await client.auth.verifyOtp({
      email,
      token: code === "000000" ? "111111" : "000000",
      type: "recovery",
    });
    expect(wrong.error).toMatchObject({
      status: 403,
      code: "otp_expired",
      message: "Token has expired or is invalid",
    });
    const right = await client.auth.verifyOtp({ email, token: code, type: "recovery" });
    expect(right.error).toBeNull();
    expect(right.data.session?.access_token).toBeTruthy();
  });

  it("sends the site URL instead of a redirect_to outside the allowed list, and allows listed ones", async () => {
    const email = await signedUpUser();
    const { client } = testClient(stack);
    await client.auth.resetPasswordForEmail(email, { redirectTo: "https://evil.example.test/steal" });
    expect(emailLink(await nextEmail(stack, email, 1)).next).toBe("/");
    await client.auth.resetPasswordForEmail(email, { redirectTo: "https://app.example.test/deep/page" });
    expect(emailLink(await nextEmail(stack, email, 2)).next).toBe("https://app.example.test/deep/page");
  });

  it("refuses a link older than the OTP expiry with 403 otp_expired", async () => {
    const email = await signedUpUser();
    const { client } = testClient(stack);
    await client.auth.resetPasswordForEmail(email);
    const link = emailLink(await nextEmail(stack, email));
    await stack.context.pool.query(
      "update auth.users set recovery_sent_at = now() - interval '61 minutes' where email = $1",
      [email],
    );
    const late = await client.auth.verifyOtp({ token_hash: link.tokenHash, type: "recovery" });
    expect(late.error).toMatchObject({
      status: 403,
      code: "otp_expired",
      message: "Email link is invalid or has expired",
    });
  });

  it("answers alike for an unknown address and sends nothing", async () => {
    const email = uniqueEmail("nobody");
    const { client } = testClient(stack);
    expect((await client.auth.resetPasswordForEmail(email)).error).toBeNull();
    expect(await inboxFor(stack, email)).toEqual([]);
  });
});

describe("email send limits", () => {
  it("refuses a second email within SMTP_MAX_FREQUENCY with 429 over_email_send_rate_limit", async () => {
    const limited = await startTestStack({ auth: { emailMaxFrequency: 60 } });
    try {
      const email = uniqueEmail("often");
      const { client } = testClient(limited);
      await client.auth.signUp({ email, password: "first-password" });
      expect((await client.auth.resetPasswordForEmail(email)).error).toBeNull();
      const second = await client.auth.resetPasswordForEmail(email);
      expect(second.error).toMatchObject({ status: 429, code: "over_email_send_rate_limit" });
      expect(second.error?.message).toMatch(
        /^For security purposes, you can only request this after \d+ seconds\.$/,
      );
    } finally {
      await limited.close();
    }
  });

  it("refuses beyond the hourly email limit", async () => {
    const limited = await startTestStack({ auth: { emailRateLimit: 1 } });
    try {
      const { client } = testClient(limited);
      const [a, b] = [uniqueEmail("a"), uniqueEmail("b")];
      await client.auth.signUp({ email: a, password: "first-password" });
      await client.auth.signUp({ email: b, password: "first-password" });
      expect((await client.auth.resetPasswordForEmail(a)).error).toBeNull();
      const over = await client.auth.resetPasswordForEmail(b);
      expect(over.error).toMatchObject({ status: 429, code: "over_email_send_rate_limit" });
      expect(await inboxFor(limited, b)).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});
