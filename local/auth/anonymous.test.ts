import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, testClient, uniqueEmail } from "../../test/auth-clients";
import { emailLink, nextEmail } from "../../test/inbox";
import { startTestStack } from "../../test/local-stack";
import type { LocalStack } from "../server";

let stack: LocalStack;
let confirming: LocalStack;
beforeAll(async () => {
  [stack, confirming] = await Promise.all([
    startTestStack({ auth: { anonymousUsersEnabled: true, anonymousRateLimit: 10_000 } }),
    startTestStack({
      auth: { anonymousUsersEnabled: true, anonymousRateLimit: 10_000, mailerAutoconfirm: false },
    }),
  ]);
});
afterAll(() => Promise.all([stack?.close(), confirming?.close()]));

describe("anonymous sign-ins (POST /signup without email or phone)", () => {
  it("signs a visitor in as an anonymous user with GoTrue's claims", async () => {
    const { client } = testClient(stack);
    const { data, error } = await client.auth.signInAnonymously({ options: { data: { field: "foo" } } });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      email: "",
      is_anonymous: true,
      role: "authenticated",
      app_metadata: {},
      user_metadata: { field: "foo" },
      identities: [],
    });
    const claims = decodeJwt(data.session?.access_token ?? "").payload;
    expect(claims).toMatchObject({
      is_anonymous: true,
      role: "authenticated",
      aal: "aal1",
      amr: [expect.objectContaining({ method: "anonymous" })],
    });
    expect((await client.auth.getUser()).data.user?.id).toBe(data.user?.id);
  });

  it("keeps anonymous users from factors, passkeys and a password without an address", async () => {
    const { client } = testClient(stack);
    await client.auth.signInAnonymously();
    expect((await client.auth.mfa.enroll({ factorType: "totp" })).error).toMatchObject({
      status: 403,
      code: "no_authorization",
      message: "Anonymous user not allowed to perform these actions",
    });
    expect((await client.auth.updateUser({ password: "a-password" })).error).toMatchObject({
      status: 422,
      code: "validation_failed",
      message: "Updating password of an anonymous user without an email or phone is not allowed",
    });
  });

  it("becomes a permanent user once the added email is confirmed, keeping its id", async () => {
    const { client } = testClient(confirming);
    const anonymous = (await client.auth.signInAnonymously()).data.user;
    const email = uniqueEmail("keep");
    const update = await client.auth.updateUser({ email, password: "a-password" });
    expect(update.error).toBeNull();
    expect(update.data.user).toMatchObject({ is_anonymous: true, new_email: email });

    const link = emailLink(await nextEmail(confirming, email));
    expect(link.type).toBe("email_change");
    const verified = await client.auth.verifyOtp({ token_hash: link.tokenHash, type: "email_change" });
    expect(verified.error).toBeNull();
    expect(verified.data.user).toMatchObject({
      id: anonymous?.id,
      email,
      is_anonymous: false,
      app_metadata: { provider: "email", providers: ["email"] },
      identities: [
        expect.objectContaining({ provider: "email", identity_data: expect.objectContaining({ email }) }),
      ],
    });
    expect(decodeJwt(verified.data.session?.access_token ?? "").payload.is_anonymous).toBe(false);

    const later = testClient(confirming).client;
    const signIn = await later.auth.signInWithPassword({ email, password: "a-password" });
    expect(signIn.data.user?.id).toBe(anonymous?.id);
  });

  it("with autoconfirm, adding the email converts the user at once", async () => {
    const { client } = testClient(stack);
    const anonymous = (await client.auth.signInAnonymously()).data.user;
    const email = uniqueEmail("keep");
    const update = await client.auth.updateUser({ email, password: "a-password" });
    expect(update.data.user).toMatchObject({ id: anonymous?.id, email, is_anonymous: false });
    const signIn = await testClient(stack).client.auth.signInWithPassword({ email, password: "a-password" });
    expect(signIn.data.user?.id).toBe(anonymous?.id);
  });

  it("answers 422 anonymous_provider_disabled while off (a new project's default) and 429 past the limit", async () => {
    const [off, limited] = await Promise.all([
      startTestStack(),
      startTestStack({ auth: { anonymousUsersEnabled: true, anonymousRateLimit: 2 } }),
    ]);
    try {
      expect((await testClient(off).client.auth.signInAnonymously()).error).toMatchObject({
        status: 422,
        code: "anonymous_provider_disabled",
        message: "Anonymous sign-ins are disabled",
      });
      const settings = await fetch(`${off.url}/auth/v1/settings`, {
        headers: { apikey: off.context.config.publishableKey },
      }).then((response) => response.json());
      expect(settings.external.anonymous_users).toBe(false);

      for (let i = 0; i < 2; i++)
        expect((await testClient(limited).client.auth.signInAnonymously()).error).toBeNull();
      expect((await testClient(limited).client.auth.signInAnonymously()).error).toMatchObject({
        status: 429,
        code: "over_request_rate_limit",
      });
    } finally {
      await Promise.all([off.close(), limited.close()]);
    }
  });
});
