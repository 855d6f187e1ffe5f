import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, testClient, uniqueEmail } from "../../test/auth-clients";
import { startTestStack } from "../../test/local-stack";
import type { LocalStack } from "../server";

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const codeFor = (secret: string) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();
const wrongCode = (secret: string) => String((Number(codeFor(secret)) + 1) % 1_000_000).padStart(6, "0");

async function signedIn(email = uniqueEmail("mfa")) {
  const { client } = testClient(stack);
  await client.auth.signUp({ email, password: "a-password" });
  return { client, email };
}

describe("MFA with TOTP (/factors, challenge, verify, unenroll)", () => {
  it("enrolls with a QR code, verifies to aal2, and asks for aal2 at the next sign-in", async () => {
    const { client, email } = await signedIn();
    const enrolled = await client.auth.mfa.enroll({ factorType: "totp", friendlyName: "Phone" });
    expect(enrolled.error).toBeNull();
    const factor = enrolled.data;
    if (factor?.type !== "totp") throw new Error("no TOTP factor");
    expect(factor.totp.qr_code.startsWith("data:image/svg+xml;utf-8,<svg")).toBe(true);
    expect(factor.totp.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(await client.auth.mfa.getAuthenticatorAssuranceLevel()).toMatchObject({
      data: { currentLevel: "aal1", nextLevel: "aal1" },
    });

    const challenge = await client.auth.mfa.challenge({ factorId: factor.id });
    expect(challenge.data?.expires_at).toBeGreaterThan(Date.now() / 1000);
    const wrong = await client.auth.mfa.verify({
      factorId: factor.id,
      challengeId: challenge.data?.id ?? "",
      code: wrongCode(factor.totp.secret),
    });
    expect(wrong.error).toMatchObject({ status: 422, code: "mfa_verification_failed" });
    const verified = await client.auth.mfa.verify({
      factorId: factor.id,
      challengeId: challenge.data?.id ?? "",
      code: codeFor(factor.totp.secret),
    });
    expect(verified.error).toBeNull();
    const claims = decodeJwt(verified.data?.access_token ?? "").payload;
    expect(claims.aal).toBe("aal2");
    expect(claims.amr).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: "totp" }),
        expect.objectContaining({ method: "password" }),
      ]),
    );
    expect(await client.auth.mfa.getAuthenticatorAssuranceLevel()).toMatchObject({
      data: { currentLevel: "aal2", nextLevel: "aal2" },
    });

    const later = testClient(stack).client;
    await later.auth.signInWithPassword({ email, password: "a-password" });
    expect(await later.auth.mfa.getAuthenticatorAssuranceLevel()).toMatchObject({
      data: { currentLevel: "aal1", nextLevel: "aal2" },
    });
    expect((await later.auth.mfa.listFactors()).data?.totp).toEqual([
      expect.objectContaining({ id: factor.id, status: "verified" }),
    ]);
    const refreshed = await later.auth.refreshSession();
    expect(decodeJwt(refreshed.data.session?.access_token ?? "").payload.aal).toBe("aal1");
  });

  it("unenrolling a verified factor needs aal2; enrolling a second one too", async () => {
    const { client } = await signedIn();
    const { data } = await client.auth.mfa.enroll({ factorType: "totp" });
    if (data?.type !== "totp") throw new Error("no TOTP factor");
    await client.auth.mfa.challengeAndVerify({ factorId: data.id, code: codeFor(data.totp.secret) });

    const aal1 = testClient(stack).client;
    const user = (await client.auth.getUser()).data.user;
    await aal1.auth.signInWithPassword({ email: user?.email ?? "", password: "a-password" });
    expect((await aal1.auth.mfa.unenroll({ factorId: data.id })).error).toMatchObject({
      status: 422,
      code: "insufficient_aal",
    });
    expect((await aal1.auth.mfa.enroll({ factorType: "totp", friendlyName: "Second" })).error).toMatchObject({
      status: 403,
      code: "insufficient_aal",
    });

    expect((await client.auth.mfa.unenroll({ factorId: data.id })).error).toBeNull();
    expect((await client.auth.mfa.listFactors()).data?.all).toEqual([]);
  });

  it("refuses another user's factor, a reused challenge and a bad factor type", async () => {
    const owner = await signedIn();
    const { data } = await owner.client.auth.mfa.enroll({ factorType: "totp" });
    if (data?.type !== "totp") throw new Error("no TOTP factor");
    const other = await signedIn();
    expect((await other.client.auth.mfa.challenge({ factorId: data.id })).error).toMatchObject({
      status: 404,
      code: "mfa_factor_not_found",
    });
    const challenge = await owner.client.auth.mfa.challenge({ factorId: data.id });
    const code = codeFor(data.totp.secret);
    await owner.client.auth.mfa.verify({ factorId: data.id, challengeId: challenge.data?.id ?? "", code });
    const reused = await owner.client.auth.mfa.verify({
      factorId: data.id,
      challengeId: challenge.data?.id ?? "",
      code,
    });
    expect(reused.error).toMatchObject({ status: 422, code: "mfa_factor_not_found" });
    const phone = await owner.client.auth.mfa.enroll({ factorType: "phone", phone: "+15555550100" });
    expect(phone.error).toMatchObject({ status: 422, code: "mfa_phone_enroll_not_enabled" });
  });

  it("rate-limits challenge and verify with 429 over_request_rate_limit", async () => {
    const limited = await startTestStack({ auth: { mfaVerifyRateLimit: 2 } });
    try {
      const { client } = testClient(limited);
      await client.auth.signUp({ email: uniqueEmail("limit"), password: "a-password" });
      const { data } = await client.auth.mfa.enroll({ factorType: "totp" });
      const factorId = data?.id ?? "";
      expect((await client.auth.mfa.challenge({ factorId })).error).toBeNull();
      expect((await client.auth.mfa.challenge({ factorId })).error).toBeNull();
      expect((await client.auth.mfa.challenge({ factorId })).error).toMatchObject({
        status: 429,
        code: "over_request_rate_limit",
      });
    } finally {
      await limited.close();
    }
  });
});
