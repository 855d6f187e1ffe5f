import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, testClient, uniqueEmail } from "../../test/auth-clients";
import { startTestStack } from "../../test/local-stack";
import { SoftwareAuthenticator } from "../../test/software-authenticator";
import type { LocalStack } from "../server";

const ORIGIN = "http://localhost:3000";
const RP = { rpId: "localhost", rpOrigins: [ORIGIN] };

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({
    auth: { mfaWebAuthnEnrollEnabled: true, mfaWebAuthnVerifyEnabled: true, passkeyEnabled: true },
  });
});
afterAll(() => stack?.close());

type Client = ReturnType<typeof testClient>["client"];

async function signedIn(email = uniqueEmail("webauthn")) {
  const { client } = testClient(stack);
  await client.auth.signUp({ email, password: "a-password" });
  return { client, email };
}

/** challenge + the authenticator + verify, as mfa.webauthn.register()/authenticate() do in a browser. */
async function ceremony(client: Client, factorId: string, key: SoftwareAuthenticator, origin = ORIGIN) {
  const challenge = await client.auth.mfa.challenge({ factorId, webauthn: RP } as never);
  const data = challenge.data as {
    id: string;
    webauthn: { type: "create" | "request"; credential_options: { publicKey: never } };
  } | null;
  if (!data) throw new Error(`challenge failed: ${challenge.error?.message}`);
  const { type, credential_options } = data.webauthn;
  const credential =
    type === "create"
      ? key.create(credential_options.publicKey, origin)
      : key.get(credential_options.publicKey, origin);
  const verified = await client.auth.mfa.verify({
    factorId,
    challengeId: data.id,
    webauthn: { type, ...RP, credential_response: credential },
  } as never);
  return { type, verified };
}

async function enrolled(client: Client, key: SoftwareAuthenticator) {
  const { data, error } = await client.auth.mfa.enroll({ factorType: "webauthn", friendlyName: "Key" });
  if (error || !data) throw new Error(`enroll failed: ${error?.message}`);
  const { type, verified } = await ceremony(client, data.id, key);
  expect(type).toBe("create");
  expect(verified.error).toBeNull();
  return data.id;
}

describe("MFA with WebAuthn factors", () => {
  it("enrolls with a create ceremony, then a later sign-in reaches aal2 with a request ceremony", async () => {
    const { client, email } = await signedIn();
    const key = new SoftwareAuthenticator(ORIGIN);
    const enroll = await client.auth.mfa.enroll({ factorType: "webauthn", friendlyName: "Key" });
    expect(enroll).toMatchObject({ error: null, data: { type: "webauthn", friendly_name: "Key" } });
    const factorId = enroll.data?.id ?? "";
    const created = await ceremony(client, factorId, key);
    expect(created.type).toBe("create");
    expect(created.verified.error).toBeNull();
    const claims = decodeJwt(created.verified.data?.access_token ?? "").payload;
    expect(claims.aal).toBe("aal2");
    expect(claims.amr).toEqual(expect.arrayContaining([expect.objectContaining({ method: "mfa/webauthn" })]));
    expect((await client.auth.mfa.listFactors()).data?.webauthn).toEqual([
      expect.objectContaining({ id: factorId, factor_type: "webauthn", status: "verified" }),
    ]);

    const later = testClient(stack).client;
    await later.auth.signInWithPassword({ email, password: "a-password" });
    expect((await later.auth.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({
      currentLevel: "aal1",
      nextLevel: "aal2",
    });
    const requested = await ceremony(later, factorId, key);
    expect(requested.type).toBe("request");
    expect(requested.verified.error).toBeNull();
    expect((await later.auth.mfa.getAuthenticatorAssuranceLevel()).data?.currentLevel).toBe("aal2");
  });

  it("refuses another authenticator, another origin and a missing response", async () => {
    const { client, email } = await signedIn();
    const key = new SoftwareAuthenticator(ORIGIN);
    const factorId = await enrolled(client, key);
    const later = testClient(stack).client;
    await later.auth.signInWithPassword({ email, password: "a-password" });

    const stranger = new SoftwareAuthenticator(ORIGIN);
    const challenge = await later.auth.mfa.challenge({ factorId, webauthn: RP } as never);
    const options = (challenge.data as { webauthn: { credential_options: { publicKey: never } } } | null)
      ?.webauthn.credential_options.publicKey;
    stranger.create({ challenge: "x", rp: { id: "localhost" }, user: { id: "eA" } });
    const foreign = stranger.get(options as never, ORIGIN, stranger.credentials[0]);
    const refused = await later.auth.mfa.verify({
      factorId,
      challengeId: challenge.data?.id ?? "",
      webauthn: { type: "request", ...RP, credential_response: foreign },
    } as never);
    expect(refused.error).toMatchObject({ status: 400, code: "webauthn_verification_failed" });

    const elsewhere = await ceremony(later, factorId, key, "http://evil.test");
    expect(elsewhere.verified.error).toMatchObject({ status: 400, code: "webauthn_verification_failed" });

    const fresh = await later.auth.mfa.challenge({ factorId, webauthn: RP } as never);
    const bare = await fetch(`${stack.url}/auth/v1/factors/${factorId}/verify`, {
      method: "POST",
      headers: {
        apikey: stack.context.config.publishableKey,
        authorization: `Bearer ${(await later.auth.getSession()).data.session?.access_token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ challenge_id: fresh.data?.id }),
    });
    expect(bare.status).toBe(400);
    expect(await bare.json()).toMatchObject({
      error_code: "validation_failed",
      msg: "WebAuthn config required",
    });
    expect((await later.auth.mfa.getAuthenticatorAssuranceLevel()).data?.currentLevel).toBe("aal1");
  });

  it("with a verified factor, adding or removing a passkey needs aal2", async () => {
    const { client, email } = await signedIn();
    await enrolled(client, new SoftwareAuthenticator(ORIGIN));
    const aal1 = testClient(stack).client;
    await aal1.auth.signInWithPassword({ email, password: "a-password" });
    expect((await aal1.auth.passkey.startRegistration()).error).toMatchObject({
      status: 403,
      code: "insufficient_aal",
      message: "AAL2 session is required to manage passkeys when MFA is enabled",
    });
    expect((await client.auth.passkey.startRegistration()).error).toBeNull();
  });

  it("answers GoTrue's codes while WebAuthn MFA is off, as a new project has it", async () => {
    const off = await startTestStack({ auth: { mfaWebAuthnEnrollEnabled: true } });
    try {
      const { client } = testClient(off);
      await client.auth.signUp({ email: uniqueEmail("webauthn-off"), password: "a-password" });
      const { data } = await client.auth.mfa.enroll({ factorType: "webauthn" });
      expect(
        (await client.auth.mfa.challenge({ factorId: data?.id ?? "", webauthn: RP } as never)).error,
      ).toMatchObject({
        status: 422,
        code: "mfa_webauthn_verify_not_enabled",
      });
    } finally {
      await off.close();
    }
    const none = await startTestStack();
    try {
      const { client } = testClient(none);
      await client.auth.signUp({ email: uniqueEmail("webauthn-off"), password: "a-password" });
      expect((await client.auth.mfa.enroll({ factorType: "webauthn" })).error).toMatchObject({
        status: 422,
        code: "mfa_webauthn_enroll_not_enabled",
      });
    } finally {
      await none.close();
    }
  });
});
