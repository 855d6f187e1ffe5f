import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, uniqueEmail } from "../../test/auth-clients";
import { ssrCookieJar } from "../../test/cookie-jar";
import { emailLink, nextEmail } from "../../test/inbox";
import { startTestStack } from "../../test/local-stack";
import type { LocalStack } from "../server";

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** Follows an email's ConfirmationURL (GET /verify) as a browser would and returns the redirect. */
async function openVerifyLink(tokenHash: string, type: string) {
  const url = `${stack.url}/auth/v1/verify?token=${tokenHash}&type=${type}&redirect_to=${encodeURIComponent("http://localhost:3000/auth/callback?next=/account")}`;
  const response = await fetch(url, {
    redirect: "manual",
    headers: { apikey: stack.context.config.publishableKey },
  });
  return new URL(response.headers.get("location") ?? "");
}

describe("PKCE (@supabase/ssr: code_challenge on the request, grant_type=pkce on the way back)", () => {
  it("a magic link's code is exchanged once for a session by the client holding the verifier", async () => {
    const email = uniqueEmail("pkce");
    await testClient(stack).client.auth.signUp({ email, password: "a-password" });
    const browser = ssrCookieJar(stack);
    expect((await browser.client().auth.signInWithOtp({ email })).error).toBeNull();
    const link = emailLink(await nextEmail(stack, email));
    expect(link.tokenHash.startsWith("pkce_")).toBe(true);

    const back = await openVerifyLink(link.tokenHash, "magiclink");
    expect(back.pathname).toBe("/auth/callback");
    expect(back.searchParams.get("next")).toBe("/account");
    const code = back.searchParams.get("code") ?? "";
    const exchanged = await browser.client().auth.exchangeCodeForSession(code);
    expect(exchanged.error).toBeNull();
    expect(exchanged.data.user?.email).toBe(email);
    const claims = (await browser.client().auth.getClaims()).data?.claims;
    expect(claims?.amr).toEqual([expect.objectContaining({ method: "magiclink" })]);

    const replay = await ssrCookieJar(stack).client().auth.exchangeCodeForSession(code);
    expect(replay.error).toBeTruthy();
  });

  it("the emailed token_hash also works with verifyOtp (the app's /auth/confirm route)", async () => {
    const email = uniqueEmail("pkce-hash");
    await testClient(stack).client.auth.signUp({ email, password: "a-password" });
    await ssrCookieJar(stack).client().auth.resetPasswordForEmail(email);
    const link = emailLink(await nextEmail(stack, email));
    const server = ssrCookieJar(stack).client();
    const verified = await server.auth.verifyOtp({ token_hash: link.tokenHash, type: "recovery" });
    expect(verified.error).toBeNull();
    expect((await server.auth.getUser()).data.user?.email).toBe(email);
  });

  it("answers GoTrue's codes for a wrong verifier and an unknown code", async () => {
    const email = uniqueEmail("pkce-bad");
    await testClient(stack).client.auth.signUp({ email, password: "a-password" });
    await ssrCookieJar(stack).client().auth.signInWithOtp({ email });
    const code = (
      await openVerifyLink(emailLink(await nextEmail(stack, email)).tokenHash, "magiclink")
    ).searchParams.get("code");
    const call = (body: Record<string, string>) =>
      fetch(`${stack.url}/auth/v1/token?grant_type=pkce`, {
        method: "POST",
        headers: {
          apikey: stack.context.config.publishableKey,
          "content-type": "application/json",
          "x-supabase-api-version": "2024-01-01",
        },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
    expect(await call({ auth_code: code ?? "", code_verifier: "x".repeat(50) })).toMatchObject({
      status: 400,
      body: { code: "bad_code_verifier" },
    });
    expect(await call({ auth_code: "no-such-code", code_verifier: "x".repeat(50) })).toMatchObject({
      status: 404,
      body: { code: "flow_state_not_found" },
    });
    expect(await call({ auth_code: "", code_verifier: "" })).toMatchObject({
      status: 400,
      body: { code: "validation_failed" },
    });
  });

  it("refuses a malformed code_challenge", async () => {
    const response = await fetch(`${stack.url}/auth/v1/otp`, {
      method: "POST",
      headers: { apikey: stack.context.config.publishableKey, "content-type": "application/json" },
      body: JSON.stringify({
        email: uniqueEmail("x"),
        code_challenge: "short",
        code_challenge_method: "s256",
      }),
    });
    expect(response.status).toBe(400);
  });
});
