import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, testClient, uniqueEmail } from "../../test/auth-clients";
import { ssrCookieJar } from "../../test/cookie-jar";
import { emailLink, nextEmail } from "../../test/inbox";
import { startTestStack } from "../../test/local-stack";
import type { LocalStack } from "../server";

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({ auth: { mailerAutoconfirm: false } });
});
afterAll(() => stack?.close());

const api = (path: string) => `${stack.url}/auth/v1${path}`;

describe("sign-up with email confirmation on (a new project's default)", () => {
  it("answers with the user and no session; sign-in waits for the emailed confirmation", async () => {
    const email = uniqueEmail("confirm");
    const { client } = testClient(stack);
    const signUp = await client.auth.signUp({ email, password: "a-password" });
    expect(signUp.error).toBeNull();
    expect(signUp.data.session).toBeNull();
    expect(signUp.data.user).toMatchObject({ email });
    expect(signUp.data.user?.confirmation_sent_at).toBeTruthy();
    expect(signUp.data.user?.email_confirmed_at).toBeUndefined();
    const early = await client.auth.signInWithPassword({ email, password: "a-password" });
    expect(early.error).toMatchObject({ status: 400, code: "email_not_confirmed" });

    const link = emailLink(await nextEmail(stack, email));
    expect(link.type).toBe("signup");
    const verified = await client.auth.verifyOtp({ email, token: link.code, type: "email" });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.email_confirmed_at).toBeTruthy();
    expect(verified.data.user?.user_metadata.email_verified).toBe(true);
    const later = await testClient(stack).client.auth.signInWithPassword({ email, password: "a-password" });
    expect(later.error).toBeNull();
  });

  it("returns a look-alike user for an address already confirmed, and sends nothing new", async () => {
    const email = uniqueEmail("taken");
    const { client } = testClient(stack);
    await client.auth.signUp({ email, password: "a-password" });
    await client.auth.verifyOtp({
      token_hash: emailLink(await nextEmail(stack, email)).tokenHash,
      type: "signup",
    });
    const again = await client.auth.signUp({ email, password: "another-password" });
    expect(again.error).toBeNull();
    expect(again.data.user?.identities).toEqual([]);
    expect(again.data.session).toBeNull();
  });

  it("GET /verify (the ConfirmationURL) signs in through a redirect with the tokens in the fragment", async () => {
    const email = uniqueEmail("link");
    const { client } = testClient(stack);
    await client.auth.signUp({ email, password: "a-password" });
    const { tokenHash } = emailLink(await nextEmail(stack, email));
    const url = api(
      `/verify?token=${tokenHash}&type=signup&redirect_to=${encodeURIComponent("http://localhost:3000/welcome")}`,
    );
    const headers = { apikey: stack.context.config.publishableKey };
    const response = await fetch(url, { redirect: "manual", headers });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("http://localhost:3000/welcome");
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get("type")).toBe("signup");
    const { data } = await testClient(stack).client.auth.getUser(fragment.get("access_token") ?? "");
    expect(data.user?.email).toBe(email);

    const reused = await fetch(url, { redirect: "manual", headers });
    const error = new URLSearchParams(new URL(reused.headers.get("location") ?? "").hash.slice(1));
    expect(Object.fromEntries(error)).toMatchObject({
      error: "access_denied",
      error_code: "otp_expired",
      error_description: "Email link is invalid or has expired",
    });
  });

  it("resend sends a fresh confirmation whose code replaces the old one", async () => {
    const email = uniqueEmail("resend");
    const { client } = testClient(stack);
    await client.auth.signUp({ email, password: "a-password" });
    const first = emailLink(await nextEmail(stack, email, 1));
    expect((await client.auth.resend({ type: "signup", email })).error).toBeNull();
    const second = emailLink(await nextEmail(stack, email, 2));
    expect((await client.auth.verifyOtp({ token_hash: first.tokenHash, type: "signup" })).error?.code).toBe(
      "otp_expired",
    );
    expect((await client.auth.verifyOtp({ token_hash: second.tokenHash, type: "signup" })).error).toBeNull();
  });

  it("PKCE (@supabase/ssr): the confirmation link comes back with a code the same browser exchanges", async () => {
    const email = uniqueEmail("pkce-signup");
    const browser = ssrCookieJar(stack);
    await browser.client().auth.signUp({ email, password: "a-password" });
    const { tokenHash } = emailLink(await nextEmail(stack, email));
    expect(tokenHash.startsWith("pkce_")).toBe(true);
    const response = await fetch(api(`/verify?token=${tokenHash}&type=signup`), { redirect: "manual" });
    const code = new URL(response.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const { data, error } = await browser.client().auth.exchangeCodeForSession(code);
    expect(error).toBeNull();
    expect(data.user?.email_confirmed_at).toBeTruthy();
    expect(decodeJwt(data.session?.access_token ?? "").payload.amr).toEqual([
      expect.objectContaining({ method: "email/signup" }),
    ]);
  });

  it("rejects verify requests GoTrue rejects", async () => {
    const { client } = testClient(stack);
    const noType = await fetch(api("/verify"), {
      method: "POST",
      headers: { apikey: stack.context.config.publishableKey, "content-type": "application/json" },
      body: JSON.stringify({ token_hash: "abc" }),
    });
    expect(noType.status).toBe(400);
    const bad = await client.auth.verifyOtp({ token_hash: "0".repeat(56), type: "signup" });
    expect(bad.error).toMatchObject({ status: 403, code: "otp_expired" });
  });
});
