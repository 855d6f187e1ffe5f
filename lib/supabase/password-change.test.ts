import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "@/local/server";
import { testClient, uniqueEmail } from "@/test/auth-clients";
import { ssrCookieJar } from "@/test/cookie-jar";
import { emailCode, inboxFor, nextEmail } from "@/test/inbox";
import { startTestStack } from "@/test/local-stack";
import { changePassword } from "./password-change";

let stack: LocalStack;

beforeAll(async () => {
  // Secure password change on, and every session counted as old: a nonce is always needed.
  stack = await startTestStack({
    auth: { passwordChangeRequiresReauthentication: true, reauthenticationWindow: 0 },
  });
});
afterAll(() => stack?.close());

async function signedIn() {
  const email = uniqueEmail("pw");
  const browser = ssrCookieJar(stack);
  expect((await browser.client().auth.signUp({ email, password: "first-password" })).error).toBeNull();
  return { email, auth: browser.client().auth };
}

describe("changePassword with reauthentication required", () => {
  it("emails a nonce first, refuses a wrong one, then changes the password with the right one", async () => {
    const { email, auth } = await signedIn();
    expect(await changePassword(auth, "second-password")).toEqual({ status: "nonce-sent" });
    const nonce = emailCode(await nextEmail(stack, email));

    const wrong = await changePassword(auth, "second-password", nonce === "000000" ? "111111" : "000000");
    expect(wrong).toMatchObject({ status: "failed", error: { code: "reauthentication_not_valid" } });
    expect(await changePassword(auth, "second-password", nonce)).toEqual({ status: "changed" });

    const { client } = testClient(stack);
    expect((await client.auth.signInWithPassword({ email, password: "first-password" })).error).toBeTruthy();
    expect((await client.auth.signInWithPassword({ email, password: "second-password" })).error).toBeNull();
  });

  it("reports any other refusal (a weak password) without sending a nonce", async () => {
    const { email, auth } = await signedIn();
    const outcome = await changePassword(auth, "abc");
    expect(outcome.status).toBe("failed");
    expect((await inboxFor(stack, email)).length).toBe(0);
  });
});
