import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "@/local/server";
import { testClient, uniqueEmail } from "@/test/auth-clients";
import { ssrCookieJar } from "@/test/cookie-jar";
import { emailLink, nextEmail } from "@/test/inbox";
import { startTestStack } from "@/test/local-stack";
import { completeCodeExchange, completeEmailLink } from "./complete-auth-return";

const APP = "http://localhost:3000";
let stack: LocalStack;

beforeAll(async () => {
  // As a new Supabase project: email confirmation and secure email change on.
  stack = await startTestStack({ auth: { siteUrl: APP, mailerAutoconfirm: false, secureEmailChange: true } });
});
afterAll(() => stack?.close());

const hasSession = (jar: ReturnType<typeof ssrCookieJar>) =>
  [...jar.cookies.keys()].some((name) => name.endsWith("-auth-token"));

/** Signs up through @supabase/ssr (PKCE, as the app's browser client) and returns the confirmation link. */
async function signUp(redirectTo: string) {
  const email = uniqueEmail("confirm");
  const jar = ssrCookieJar(stack);
  const { error } = await jar
    .client()
    .auth.signUp({ email, password: "a-long-password", options: { emailRedirectTo: redirectTo } });
  expect(error).toBeNull();
  return { email, jar, link: emailLink(await nextEmail(stack, email)) };
}

describe("completeEmailLink (/auth/confirm)", () => {
  it("confirms a sign-up, stores the session in the cookies and goes to next; the link then fails", async () => {
    const { link } = await signUp(`${APP}/workflows/42`);
    const browser = ssrCookieJar(stack);
    expect(await completeEmailLink(browser.client().auth, link.url.searchParams, APP)).toBe("/workflows/42");
    expect(hasSession(browser)).toBe(true);

    const other = ssrCookieJar(stack);
    expect(await completeEmailLink(other.client().auth, link.url.searchParams, APP)).toBe(
      "/auth/error?problem=link_expired",
    );
    expect(hasSession(other)).toBe(false);
  });

  it("sends a recovery link to the new-password page whatever next says", async () => {
    const { email, link: confirm } = await signUp(APP);
    await completeEmailLink(ssrCookieJar(stack).client().auth, confirm.url.searchParams, APP);
    const requester = ssrCookieJar(stack);
    await requester.client().auth.resetPasswordForEmail(email, { redirectTo: `${APP}/elsewhere` });
    const recovery = emailLink(await nextEmail(stack, email, 2));
    expect(recovery.type).toBe("recovery");
    const browser = ssrCookieJar(stack);
    expect(await completeEmailLink(browser.client().auth, recovery.url.searchParams, APP)).toBe(
      "/reset-password",
    );
    expect(hasSession(browser)).toBe(true);
  });

  it("sends an invite to the page where the invited person chooses a password, signed in", async () => {
    const email = uniqueEmail("invited");
    const admin = testClient(stack, stack.context.config.secretKey).client.auth.admin;
    expect((await admin.inviteUserByEmail(email, { redirectTo: `${APP}/workflows` })).error).toBeNull();
    const invite = emailLink(await nextEmail(stack, email));
    expect(invite.type).toBe("invite");
    const browser = ssrCookieJar(stack);
    expect(await completeEmailLink(browser.client().auth, invite.url.searchParams, APP)).toBe(
      "/reset-password?invited=1",
    );
    expect(hasSession(browser)).toBe(true);
  });

  it("refuses a next off the app's origin, a made-up token and a missing type, changing nothing", async () => {
    const { link } = await signUp(APP);
    const offsite = new URLSearchParams(link.url.searchParams);
    offsite.set("next", "https://evil.example/steal");
    expect(await completeEmailLink(ssrCookieJar(stack).client().auth, offsite, APP)).toBe("/workflows");

    const browser = ssrCookieJar(stack);
    const forged = new URLSearchParams({ token_hash: "0".repeat(56), type: "signup" });
    expect(await completeEmailLink(browser.client().auth, forged, APP)).toMatch(
      /^\/auth\/error\?problem=link_(expired|invalid)$/,
    );
    expect(
      await completeEmailLink(browser.client().auth, new URLSearchParams({ token_hash: "x" }), APP),
    ).toBe("/auth/error?problem=link_invalid");
    expect(hasSession(browser)).toBe(false);
  });

  it("walks a secure email change: the first address says half done, the second completes it", async () => {
    const { email, link } = await signUp(APP);
    const browser = ssrCookieJar(stack);
    await completeEmailLink(browser.client().auth, link.url.searchParams, APP);
    const newEmail = uniqueEmail("moved");
    const { error } = await browser
      .client()
      .auth.updateUser({ email: newEmail }, { emailRedirectTo: `${APP}/account` });
    expect(error).toBeNull();

    const toNew = emailLink(await nextEmail(stack, newEmail));
    expect(await completeEmailLink(browser.client().auth, toNew.url.searchParams, APP)).toBe(
      "/account?notice=email-change-half",
    );
    const toCurrent = emailLink(await nextEmail(stack, email, 2));
    expect(await completeEmailLink(browser.client().auth, toCurrent.url.searchParams, APP)).toBe(
      "/account?notice=email-changed",
    );
    const { data } = await browser.client().auth.getUser();
    expect(data.user?.email).toBe(newEmail);
  });
});

describe("completeCodeExchange (/auth/callback)", () => {
  it("trades a PKCE code once, with the verifier from the cookies, and goes to next", async () => {
    const { email, link } = await signUp(APP);
    await completeEmailLink(ssrCookieJar(stack).client().auth, link.url.searchParams, APP);
    // A magic link followed through Auth's own /verify comes back with ?code=, as an OAuth return does.
    const browser = ssrCookieJar(stack);
    await browser
      .client()
      .auth.signInWithOtp({ email, options: { emailRedirectTo: `${APP}/auth/callback` } });
    const magic = emailLink(await nextEmail(stack, email, 2));
    const verify = new URL(`${stack.url}/auth/v1/verify`);
    verify.search = new URLSearchParams({
      token: magic.tokenHash,
      type: "magiclink",
      redirect_to: `${APP}/auth/callback`,
    }).toString();
    const opened = await fetch(verify, {
      redirect: "manual",
      headers: { apikey: stack.context.config.publishableKey },
    });
    const location = opened.headers.get("location") ?? "";
    const returned = new URL(location).searchParams;
    expect(returned.get("code")).toBeTruthy();
    returned.set("next", "/connections");

    expect(await completeCodeExchange(browser.client().auth, returned, APP)).toBe("/connections");
    expect(hasSession(browser)).toBe(true);
    const replay = ssrCookieJar(stack);
    expect(await completeCodeExchange(replay.client().auth, returned, APP)).toBe(
      "/auth/error?problem=oauth_state",
    );
    expect(hasSession(replay)).toBe(false);
  });

  it("words a provider's refusal and a forged state, without a session", async () => {
    const browser = ssrCookieJar(stack);
    const denied = new URLSearchParams({ error: "access_denied", error_code: "access_denied" });
    expect(await completeCodeExchange(browser.client().auth, denied, APP)).toBe(
      "/auth/error?problem=oauth_denied",
    );
    const forged = new URLSearchParams({ error: "invalid_request", error_code: "bad_oauth_state" });
    expect(await completeCodeExchange(browser.client().auth, forged, APP)).toBe(
      "/auth/error?problem=oauth_state",
    );
    expect(hasSession(browser)).toBe(false);
  });
});
