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

const codeAt = (secret: string, timestamp = Date.now()) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp });

/** A user with a verified TOTP factor, and a second, password-only (aal1) session of theirs. */
async function userWithFactor() {
  const email = uniqueEmail("step-up");
  const owner = testClient(stack).client;
  await owner.auth.signUp({ email, password: "a-password" });
  const { data } = await owner.auth.mfa.enroll({ factorType: "totp" });
  if (data?.type !== "totp") throw new Error("no TOTP factor");
  const code = codeAt(data.totp.secret);
  expect((await owner.auth.mfa.challengeAndVerify({ factorId: data.id, code })).error).toBeNull();
  const aal1 = testClient(stack).client;
  expect((await aal1.auth.signInWithPassword({ email, password: "a-password" })).error).toBeNull();
  return { email, owner, aal1, factorId: data.id, secret: data.totp.secret, usedCode: code };
}

const insufficientAal = {
  status: 401,
  code: "insufficient_aal",
  message: "AAL2 session is required to update email or password when MFA is enabled.",
};

describe("TOTP codes work once", () => {
  it("refuses a code already used, even on a new challenge of a new session", async () => {
    const { aal1, factorId, secret, usedCode } = await userWithFactor();
    const replayed = await aal1.auth.mfa.challengeAndVerify({ factorId, code: usedCode });
    expect(replayed.error).toMatchObject({ status: 422, code: "mfa_verification_failed" });
    // The next 30-second step's code (within the allowed drift) is new, so it works.
    const next = await aal1.auth.mfa.challengeAndVerify({
      factorId,
      code: codeAt(secret, Date.now() + 30_000),
    });
    expect(next.error).toBeNull();
  });
});

describe("PUT /user from an aal1 session of a user with a verified factor", () => {
  it("refuses a new password and a new email with 401 insufficient_aal, as GoTrue does", async () => {
    const { email, aal1 } = await userWithFactor();
    expect((await aal1.auth.updateUser({ password: "another-password" })).error).toMatchObject(
      insufficientAal,
    );
    expect((await aal1.auth.updateUser({ email: uniqueEmail("taken-over") })).error).toMatchObject(
      insufficientAal,
    );
    // Nothing changed: the old password still signs in, the address is the same.
    const again = await testClient(stack).client.auth.signInWithPassword({ email, password: "a-password" });
    expect(again.data.user?.email).toBe(email);
    expect(again.data.user?.new_email).toBeUndefined();
  });

  it("still lets it change what needs no second factor (metadata, the same email)", async () => {
    const { email, aal1 } = await userWithFactor();
    const updated = await aal1.auth.updateUser({ email, data: { display_name: "Ada" } });
    expect(updated.error).toBeNull();
    expect(updated.data.user?.user_metadata.display_name).toBe("Ada");
  });

  it("allows both once the session steps up to aal2", async () => {
    const { aal1, factorId, secret } = await userWithFactor();
    const stepped = await aal1.auth.mfa.challengeAndVerify({
      factorId,
      code: codeAt(secret, Date.now() + 30_000),
    });
    expect(decodeJwt(stepped.data?.access_token ?? "").payload.aal).toBe("aal2");
    expect((await aal1.auth.updateUser({ password: "another-password" })).error).toBeNull();
    const next = uniqueEmail("moved");
    const moved = await aal1.auth.updateUser({ email: next });
    expect(moved.error).toBeNull();
    expect(moved.data.user?.email).toBe(next);
  });

  it("leaves users without a verified factor as they were", async () => {
    const { client } = testClient(stack);
    await client.auth.signUp({ email: uniqueEmail("no-factor"), password: "a-password" });
    await client.auth.mfa.enroll({ factorType: "totp" });
    expect((await client.auth.updateUser({ password: "another-password" })).error).toBeNull();
  });
});

describe("a factor id that is not a UUID", () => {
  it.each(["challenge", "verify", "unenroll"] as const)(
    "%s answers 404 validation_failed",
    async (action) => {
      const { owner } = await userWithFactor();
      const factorId = "not-a-uuid";
      const { error } =
        action === "challenge"
          ? await owner.auth.mfa.challenge({ factorId })
          : action === "verify"
            ? await owner.auth.mfa.verify({ factorId, challengeId: crypto.randomUUID(), code: "123456" })
            : await owner.auth.mfa.unenroll({ factorId });
      expect(error).toMatchObject({
        status: 404,
        code: "validation_failed",
        message: "factor_id must be an UUID",
      });
    },
  );
});

describe("admin MFA factor routes (/admin/users/<id>/factors)", () => {
  it("list a user's factors and delete one, which drops its sessions to aal1", async () => {
    const { owner, factorId } = await userWithFactor();
    const admin = testClient(stack, stack.context.config.secretKey).client;
    const userId = (await owner.auth.getUser()).data.user?.id ?? "";
    const listed = await admin.auth.admin.mfa.listFactors({ userId });
    expect(listed.error).toBeNull();
    expect(listed.data?.factors).toEqual([
      expect.objectContaining({ id: factorId, factor_type: "totp", status: "verified" }),
    ]);
    const deleted = await admin.auth.admin.mfa.deleteFactor({ userId, id: factorId });
    expect(deleted.error).toBeNull();
    expect((await admin.auth.admin.mfa.listFactors({ userId })).data?.factors).toEqual([]);
    const refreshed = await owner.auth.refreshSession();
    expect(decodeJwt(refreshed.data.session?.access_token ?? "").payload.aal).toBe("aal1");
  });

  it("answer 404 for another user's factor and need the secret key", async () => {
    const first = await userWithFactor();
    const second = await userWithFactor();
    const admin = testClient(stack, stack.context.config.secretKey).client;
    const userId = (await second.owner.auth.getUser()).data.user?.id ?? "";
    const wrong = await admin.auth.admin.mfa.deleteFactor({ userId, id: first.factorId });
    expect(wrong.error).toMatchObject({ status: 404, code: "mfa_factor_not_found" });
    const anon = testClient(stack).client;
    const refused = await anon.auth.admin.mfa.listFactors({ userId });
    expect(refused.error).toMatchObject({ status: 403, code: "not_admin" });
  });
});
