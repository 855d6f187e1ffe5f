import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, testClient, uniqueEmail } from "../../test/auth-clients";
import { startTestStack } from "../../test/local-stack";
import { SoftwareAuthenticator } from "../../test/software-authenticator";
import type { LocalStack } from "../server";

// The test stack's site URL: the relying party is its host, the page its origin.
const ORIGIN = "http://localhost:3000";

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({ auth: { passkeyEnabled: true, maxPasskeysPerUser: 2 } });
});
afterAll(() => stack?.close());

async function signedIn(email = uniqueEmail("passkey")) {
  const { client } = testClient(stack);
  await client.auth.signUp({ email, password: "a-password" });
  const user = (await client.auth.getUser()).data.user;
  if (!user) throw new Error("sign-up gave no user");
  return { client, user, email };
}

/** registerPasskey() without a browser: the client's own two calls around the authenticator. */
async function registerPasskey(client: ReturnType<typeof testClient>["client"], key: SoftwareAuthenticator) {
  const started = await client.auth.passkey.startRegistration();
  if (!started.data) return started;
  const credential = key.create(started.data.options as never).toJSON();
  return client.auth.passkey.verifyRegistration({
    challengeId: started.data.challenge_id,
    credential: credential as never,
  });
}

/** signInWithPasskey() without a browser, on a signed-out client. */
async function passkeySignIn(key: SoftwareAuthenticator, origin = ORIGIN) {
  const { client } = testClient(stack);
  const started = await client.auth.passkey.startAuthentication();
  if (!started.data) throw new Error(`no options: ${started.error?.message}`);
  const credential = key.get(started.data.options as never, origin).toJSON();
  const verified = await client.auth.passkey.verifyAuthentication({
    challengeId: started.data.challenge_id,
    credential: credential as never,
  });
  return { client, verified, challengeId: started.data.challenge_id, credential };
}

describe("passkeys (/passkeys)", () => {
  it("registers a passkey and signs in with it, as a discoverable credential", async () => {
    const { client, user } = await signedIn();
    const key = new SoftwareAuthenticator(ORIGIN);
    const started = await client.auth.passkey.startRegistration();
    expect(started.error).toBeNull();
    expect(started.data?.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect(started.data?.options).toMatchObject({
      rp: { id: "localhost", name: "Tryliate" },
      user: { id: Buffer.from(user.id).toString("base64url"), name: user.email },
      attestation: "none",
      authenticatorSelection: {
        residentKey: "required",
        requireResidentKey: true,
        userVerification: "preferred",
      },
    });
    const registered = await client.auth.passkey.verifyRegistration({
      challengeId: started.data?.challenge_id ?? "",
      credential: key.create(started.data?.options as never).toJSON() as never,
    });
    expect(registered.error).toBeNull();
    expect(registered.data).toEqual({
      id: expect.any(String),
      friendly_name: "Passkey",
      created_at: expect.any(String),
    });
    expect((await client.auth.passkey.list()).data).toEqual([
      { id: registered.data?.id, friendly_name: "Passkey", created_at: registered.data?.created_at },
    ]);

    const { client: visitor, verified } = await passkeySignIn(key);
    expect(verified.error).toBeNull();
    expect(verified.data?.user?.id).toBe(user.id);
    const claims = decodeJwt(verified.data?.session?.access_token ?? "").payload;
    expect(claims).toMatchObject({
      sub: user.id,
      aal: "aal1",
      amr: [expect.objectContaining({ method: "passkey" })],
    });
    expect((await visitor.auth.getUser()).data.user?.id).toBe(user.id);
    const [listed] = (await client.auth.passkey.list()).data ?? [];
    expect(listed?.last_used_at).toEqual(expect.any(String));
  });

  it("answers a used challenge, a wrong origin and a forged signature with GoTrue's codes", async () => {
    const { client } = await signedIn();
    const key = new SoftwareAuthenticator(ORIGIN);
    expect((await registerPasskey(client, key)).error).toBeNull();

    const first = await passkeySignIn(key);
    expect(first.verified.error).toBeNull();
    const replayed = await testClient(stack).client.auth.passkey.verifyAuthentication({
      challengeId: first.challengeId,
      credential: first.credential as never,
    });
    expect(replayed.error).toMatchObject({ status: 400, code: "webauthn_challenge_not_found" });

    const elsewhere = await passkeySignIn(key, "http://evil.test");
    expect(elsewhere.verified.error).toMatchObject({ status: 400, code: "webauthn_verification_failed" });

    const { client: visitor } = testClient(stack);
    const started = await visitor.auth.passkey.startAuthentication();
    const assertion = key.get(started.data?.options as never).toJSON();
    const forged = {
      ...assertion,
      response: { ...assertion.response, signature: assertion.response.signature.replace(/^../, "AA") },
    };
    const refused = await visitor.auth.passkey.verifyAuthentication({
      challengeId: started.data?.challenge_id ?? "",
      credential: forged as never,
    });
    expect(refused.error).toMatchObject({ status: 400, code: "webauthn_verification_failed" });
    expect((await visitor.auth.getSession()).data.session).toBeNull();

    const stranger = await passkeySignIn(new SoftwareAuthenticator(ORIGIN)).catch((error: Error) => error);
    expect(stranger).toBeInstanceOf(Error);
  });

  it("checks the request's fields before the challenge", async () => {
    const post = (body: unknown) =>
      fetch(`${stack.url}/auth/v1/passkeys/authentication/verify`, {
        method: "POST",
        headers: { apikey: stack.context.config.publishableKey, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
    expect(await post({})).toMatchObject({
      status: 400,
      body: { error_code: "validation_failed", msg: "challenge_id is required" },
    });
    expect(await post({ challenge_id: "x" })).toMatchObject({
      status: 400,
      body: { msg: "credential is required" },
    });
    expect(await post({ challenge_id: "x", credential: {} })).toMatchObject({
      status: 400,
      body: { msg: "challenge_id must be a valid UUID" },
    });
    expect(await post({ challenge_id: crypto.randomUUID(), credential: {} })).toMatchObject({
      status: 400,
      body: { error_code: "webauthn_challenge_not_found", msg: "Challenge not found or already used" },
    });
  });

  it("renames and deletes only the user's own passkeys; a deleted passkey signs nobody in", async () => {
    const { client } = await signedIn();
    const key = new SoftwareAuthenticator(ORIGIN);
    const registered = await registerPasskey(client, key);
    const id = registered.data?.id ?? "";
    const renamed = await client.auth.passkey.update({ passkeyId: id, friendlyName: "Laptop" });
    expect(renamed.data).toMatchObject({ id, friendly_name: "Laptop" });
    expect((await client.auth.passkey.update({ passkeyId: id, friendlyName: "" })).error).toMatchObject({
      status: 400,
      code: "validation_failed",
    });

    const other = await signedIn();
    expect(
      (await other.client.auth.passkey.update({ passkeyId: id, friendlyName: "Mine" })).error,
    ).toMatchObject({
      status: 404,
      code: "validation_failed",
      message: "Passkey not found",
    });
    expect((await other.client.auth.passkey.delete({ passkeyId: id })).error).toMatchObject({ status: 404 });
    expect((await other.client.auth.passkey.delete({ passkeyId: "not-a-uuid" })).error).toMatchObject({
      status: 404,
    });

    expect((await client.auth.passkey.delete({ passkeyId: id })).error).toBeNull();
    expect((await client.auth.passkey.list()).data).toEqual([]);
    expect((await passkeySignIn(key)).verified.error).toMatchObject({
      status: 400,
      code: "webauthn_verification_failed",
    });
  });

  it("lets the admin API (secret key only; 403 not_admin otherwise) list and delete a user's passkeys", async () => {
    const { client, user } = await signedIn();
    const key = new SoftwareAuthenticator(ORIGIN);
    const id = (await registerPasskey(client, key)).data?.id ?? "";
    const admin = testClient(stack, stack.context.config.secretKey).client.auth.admin;
    expect((await admin.passkey.listPasskeys({ userId: user.id })).data).toEqual([
      expect.objectContaining({ id, friendly_name: "Passkey" }),
    ]);
    const notAdmin = testClient(stack).client.auth.admin;
    expect((await notAdmin.passkey.listPasskeys({ userId: user.id })).error).toMatchObject({
      status: 403,
      code: "not_admin",
    });
    expect((await admin.passkey.deletePasskey({ userId: user.id, passkeyId: id })).error).toBeNull();
    expect((await client.auth.passkey.list()).data).toEqual([]);
    expect((await admin.passkey.deletePasskey({ userId: user.id, passkeyId: id })).error).toMatchObject({
      status: 404,
      code: "validation_failed",
    });
  });

  it("stops at the per-user maximum with 422 too_many_passkeys", async () => {
    const { client } = await signedIn();
    expect((await registerPasskey(client, new SoftwareAuthenticator(ORIGIN))).error).toBeNull();
    expect((await registerPasskey(client, new SoftwareAuthenticator(ORIGIN))).error).toBeNull();
    expect((await client.auth.passkey.startRegistration()).error).toMatchObject({
      status: 422,
      code: "too_many_passkeys",
    });
  });

  it("answers 404 passkey_disabled while passkeys are off, as a new project has them", async () => {
    const off = await startTestStack();
    try {
      const { client } = testClient(off);
      expect((await client.auth.passkey.startAuthentication()).error).toMatchObject({
        status: 404,
        code: "passkey_disabled",
        message: "Passkeys are disabled",
      });
      const settings = await fetch(`${off.url}/auth/v1/settings`, {
        headers: { apikey: off.context.config.publishableKey },
      }).then((response) => response.json());
      expect(settings.passkeys_enabled).toBe(false);
    } finally {
      await off.close();
    }
  });
});
