import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, uniqueEmail } from "../../test/auth-clients";
import { emailCode, emailLink, nextEmail } from "../../test/inbox";
import { startTestStack } from "../../test/local-stack";
import type { LocalStack } from "../server";

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({
    auth: {
      mailerAutoconfirm: false,
      passwordChangeRequiresReauthentication: true,
      reauthenticationWindow: 0,
    },
  });
});
afterAll(() => stack?.close());

/** A confirmed user, signed in on a client of its own. */
async function signedIn() {
  const email = uniqueEmail("change");
  const { client } = testClient(stack);
  await client.auth.signUp({ email, password: "a-password" });
  await client.auth.verifyOtp({
    token_hash: emailLink(await nextEmail(stack, email)).tokenHash,
    type: "signup",
  });
  return { client, email };
}

describe("email change with secure email change on (PUT /user email)", () => {
  it("stays pending until both the new and the current address confirm", async () => {
    const { client, email } = await signedIn();
    const newEmail = uniqueEmail("new");
    const update = await client.auth.updateUser({ email: newEmail });
    expect(update.error).toBeNull();
    expect(update.data.user).toMatchObject({ email, new_email: newEmail });

    const toNew = emailLink(await nextEmail(stack, newEmail));
    const toCurrent = emailLink(await nextEmail(stack, email, 2));
    expect([toNew.type, toCurrent.type]).toEqual(["email_change", "email_change"]);
    const first = await client.auth.verifyOtp({ token_hash: toNew.tokenHash, type: "email_change" });
    expect(first.error).toBeNull();
    expect((await client.auth.getUser()).data.user?.email).toBe(email);

    const second = await client.auth.verifyOtp({ token_hash: toCurrent.tokenHash, type: "email_change" });
    expect(second.error).toBeNull();
    expect(second.data.user?.email).toBe(newEmail);
    expect(second.data.user?.new_email).toBeUndefined();
  });

  it("refuses an address in use with 422 email_exists and changes nothing", async () => {
    const { client, email } = await signedIn();
    const other = await signedIn();
    const { error } = await client.auth.updateUser({ email: other.email });
    expect(error).toMatchObject({ status: 422, code: "email_exists" });
    expect((await client.auth.getUser()).data.user).toMatchObject({ email });
    expect((await client.auth.getUser()).data.user?.new_email).toBeUndefined();
  });
});

describe("password change with reauthentication required", () => {
  it("needs the emailed nonce (GET /reauthenticate), once", async () => {
    const { client, email } = await signedIn();
    const without = await client.auth.updateUser({ password: "new-password-1" });
    expect(without.error).toMatchObject({ status: 400, code: "reauthentication_needed" });
    expect((await client.auth.reauthenticate()).error).toBeNull();
    const nonce = emailCode(await nextEmail(stack, email, 2));
    const wrong = await client.auth.updateUser({
      password: "new-password-1",
      nonce: nonce === "000000" ? "111111" : "000000",
    });
    expect(wrong.error).toMatchObject({ status: 422, code: "reauthentication_not_valid" });
    expect((await client.auth.updateUser({ password: "new-password-1", nonce })).error).toBeNull();
    const reused = await client.auth.updateUser({ password: "new-password-2", nonce });
    expect(reused.error).toMatchObject({ status: 422, code: "reauthentication_not_valid" });
  });
});
