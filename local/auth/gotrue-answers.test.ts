import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, uniqueEmail } from "../../test/auth-clients";
import { startTestStack } from "../../test/local-stack";
import type { LocalStack } from "../server";

// Answers the official clients' tests expect, worded as GoTrue words them.

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({ auth: { externalProviders: ["email", "github", "google"] } });
});
afterAll(() => stack?.close());

/** A request as auth-js sends it (dated API): status and body. */
async function api(path: string, init: RequestInit & { key?: string; bearer?: string } = {}) {
  const key = init.key ?? stack.context.config.publishableKey;
  const response = await fetch(`${stack.url}/auth/v1${path}`, {
    ...init,
    headers: {
      apikey: key,
      authorization: `Bearer ${init.bearer ?? key}`,
      "content-type": "application/json",
      "x-supabase-api-version": "2024-01-01",
    },
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

const secret = () => stack.context.config.secretKey;

describe("POST /verify with a phone (phone sign-in is off, as on a new project)", () => {
  it.each(["sms", "phone_change"])(
    "type %s: validates the number, then answers 403 otp_expired",
    async (type) => {
      const { client } = testClient(stack);
      const invalid = await client.auth.verifyOtp({
        phone: "not a number",
        token: "123456",
        type: type as "sms",
      });
      expect(invalid.error).toMatchObject({
        status: 400,
        code: "validation_failed",
        message: "Invalid phone number format (E.164 required)",
      });
      const valid = await client.auth.verifyOtp({
        phone: "+15555550100",
        token: "123456",
        type: type as "sms",
      });
      expect(valid.error).toMatchObject({
        status: 403,
        code: "otp_expired",
        message: "Token has expired or is invalid",
      });
    },
  );
});

describe("phone sign-in, SSO, identity linking, Web3 and ID-token sign-in are off", () => {
  it("password sign-in with a phone: 422 phone_provider_disabled", async () => {
    const { error } = await testClient(stack).client.auth.signInWithPassword({
      phone: "+15555550100",
      password: "a-password",
    });
    expect(error).toMatchObject({
      status: 422,
      code: "phone_provider_disabled",
      message: "Phone logins are disabled",
    });
  });

  it("signInWithSSO: 404 saml_provider_disabled", async () => {
    const { client } = testClient(stack);
    for (const params of [{ domain: "example.com" }, { providerId: randomUUID() }]) {
      const { error } = await client.auth.signInWithSSO(params);
      expect(error).toMatchObject({
        status: 404,
        code: "saml_provider_disabled",
        message: "SAML 2.0 is disabled",
      });
    }
    expect((await api("/sso/saml/metadata")).status).toBe(404);
  });

  it("linkIdentity and unlinkIdentity: 404 manual_linking_disabled (after the session check)", async () => {
    const { client } = testClient(stack);
    await client.auth.signUp({ email: uniqueEmail("link"), password: "a-password" });
    const linked = await client.auth.linkIdentity({
      provider: "github",
      options: { skipBrowserRedirect: true },
    });
    const disabled = { status: 404, code: "manual_linking_disabled", message: "Manual linking is disabled" };
    expect(linked.error).toMatchObject(disabled);
    const identity = (await client.auth.getUser()).data.user?.identities?.[0];
    if (!identity) throw new Error("no identity");
    expect((await client.auth.unlinkIdentity(identity)).error).toMatchObject(disabled);
    expect((await api("/user/identities/authorize?provider=github")).status).toBe(403);
  });

  it("Web3 sign-in: 422 web3_provider_disabled", async () => {
    const answer = await api("/token?grant_type=web3", {
      method: "POST",
      body: JSON.stringify({ chain: "solana", message: "m", signature: "s" }),
    });
    expect(answer).toEqual({
      status: 422,
      body: { code: "web3_provider_disabled", message: "Web3 provider is disabled" },
    });
  });

  it("ID-token sign-in: 400 provider_disabled for a known provider, validation_failed for another", async () => {
    const { client } = testClient(stack);
    const google = await client.auth.signInWithIdToken({ provider: "google", token: "a.b.c" });
    expect(google.error).toMatchObject({
      status: 400,
      code: "provider_disabled",
      message: 'Provider (issuer "https://accounts.google.com") is not enabled',
    });
    const custom = await client.auth.signInWithIdToken({ provider: "elsewhere" as "google", token: "a.b.c" });
    expect(custom.error).toMatchObject({
      status: 400,
      code: "validation_failed",
      message: 'Custom OIDC provider "elsewhere" not allowed',
    });
  });
});

describe("the OAuth 2.1 server is off", () => {
  it("its admin routes answer 404 feature_disabled to the secret key, 403 to anyone else", async () => {
    const disabled = { status: 404, body: { code: "feature_disabled", message: "OAuth server is disabled" } };
    expect(await api("/admin/oauth/clients", { key: secret() })).toEqual(disabled);
    expect(
      await api("/admin/oauth/clients", {
        key: secret(),
        method: "POST",
        body: JSON.stringify({ client_name: "x" }),
      }),
    ).toEqual(disabled);
    expect(await api(`/admin/oauth/clients/${randomUUID()}`, { key: secret(), method: "DELETE" })).toEqual(
      disabled,
    );
    expect((await api("/admin/oauth/clients")).status).toBe(403);
    expect(await api("/oauth/clients/register", { method: "POST", body: "{}" })).toEqual(disabled);
  });
});

describe("the admin user routes", () => {
  it.each(["GET", "PUT", "DELETE"])("%s /admin/users/not-a-uuid: 404 validation_failed", async (method) => {
    const answer = await api("/admin/users/not-a-uuid", {
      key: secret(),
      method,
      body: method === "GET" ? undefined : "{}",
    });
    expect(answer).toEqual({
      status: 404,
      body: { code: "validation_failed", message: "user_id must be an UUID" },
    });
  });

  it("DELETE /admin/users/<id> answers {}", async () => {
    const admin = testClient(stack, secret()).client;
    const { data } = await admin.auth.admin.createUser({
      email: uniqueEmail("deleted"),
      password: "a-password",
    });
    const answer = await api(`/admin/users/${data.user?.id}`, {
      key: secret(),
      method: "DELETE",
      body: "{}",
    });
    expect(answer).toEqual({ status: 200, body: {} });
    expect((await admin.auth.admin.getUserById(data.user?.id ?? "")).error).toMatchObject({ status: 404 });
  });
});
