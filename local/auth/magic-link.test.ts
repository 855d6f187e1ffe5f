import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, uniqueEmail } from "../../test/auth-clients";
import { emailLink, inboxFor, nextEmail } from "../../test/inbox";
import { startTestStack } from "../../test/local-stack";
import type { LocalStack } from "../server";

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({ auth: { mailerAutoconfirm: false } });
});
afterAll(() => stack?.close());

describe("email OTP / magic link (POST /otp)", () => {
  it("signs a new address up with a confirmation email, then a known one in with a magic link", async () => {
    const email = uniqueEmail("magic");
    const { client } = testClient(stack);
    expect((await client.auth.signInWithOtp({ email })).error).toBeNull();
    const confirm = emailLink(await nextEmail(stack, email, 1));
    expect(confirm.type).toBe("signup");
    expect((await client.auth.verifyOtp({ token_hash: confirm.tokenHash, type: "signup" })).error).toBeNull();

    expect((await client.auth.signInWithOtp({ email })).error).toBeNull();
    const message = await nextEmail(stack, email, 2);
    expect(message.subject).toBe("Your Magic Link");
    const magic = emailLink(message);
    expect(magic.type).toBe("magiclink");
    const signedIn = await testClient(stack).client.auth.verifyOtp({
      email,
      token: magic.code,
      type: "email",
    });
    expect(signedIn.error).toBeNull();
    const amr = signedIn.data.session
      ? JSON.parse(atob(signedIn.data.session.access_token.split(".")[1] ?? "")).amr
      : [];
    expect(amr).toEqual([expect.objectContaining({ method: "otp" })]);
  });

  it("with create_user false, refuses an unknown address with otp_disabled and sends nothing", async () => {
    const email = uniqueEmail("unknown");
    const { client } = testClient(stack);
    const { error } = await client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    expect(error).toMatchObject({
      status: 422,
      code: "otp_disabled",
      message: "Signups not allowed for otp",
    });
    expect(await inboxFor(stack, email)).toEqual([]);
  });

  it("answers email_provider_disabled when the email provider is off", async () => {
    const off = await startTestStack({ auth: { externalProviders: ["github"] } });
    try {
      const { client } = testClient(off);
      const otp = await client.auth.signInWithOtp({ email: uniqueEmail("off") });
      expect(otp.error).toMatchObject({ status: 422, code: "email_provider_disabled" });
      const signUp = await client.auth.signUp({ email: uniqueEmail("off"), password: "a-password" });
      expect(signUp.error).toMatchObject({ status: 400, code: "email_provider_disabled" });
      const settings = await fetch(`${off.url}/auth/v1/settings`, {
        headers: { apikey: off.context.config.publishableKey },
      });
      expect((await settings.json()).external).toMatchObject({ email: false, github: true });
    } finally {
      await off.close();
    }
  });
});
