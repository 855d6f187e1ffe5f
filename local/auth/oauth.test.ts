import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, uniqueEmail } from "../../test/auth-clients";
import { ssrCookieJar } from "../../test/cookie-jar";
import { startTestStack } from "../../test/local-stack";
import { oauthBrowser } from "../../test/oauth-browser";
import type { LocalStack } from "../server";

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({ auth: { externalProviders: ["email", "github", "google"] } });
});
afterAll(() => stack?.close());

/** Signs in at the local provider as `email` and authorizes; returns where the Auth server sends the browser. */
async function throughProvider(startUrl: string, email: string) {
  const browser = oauthBrowser([stack.url, stack.oidcUrl]);
  const login = await browser.go(startUrl);
  expect(login.html).toContain('<label for="login">Email</label>');
  expect(login.html).toContain("Sign in</button>");
  const consent = await browser.submit(login, "/login", { login: email });
  expect(consent.html).toContain("Authorize</button>");
  const back = await browser.submit(consent, "/confirm");
  return { back: new URL(back.url), browser };
}

describe("OAuth sign-in through the local OpenID provider (GET /authorize, GET /callback)", () => {
  it("PKCE: signInWithOAuth → provider login and consent → ?code= → exchangeCodeForSession", async () => {
    const email = uniqueEmail("github");
    const jar = ssrCookieJar(stack);
    const { data } = await jar.client().auth.signInWithOAuth({
      provider: "github",
      options: {
        redirectTo: "http://localhost:3000/auth/callback?next=/workflows",
        skipBrowserRedirect: true,
      },
    });
    const { back, browser } = await throughProvider(data.url ?? "", email);
    expect(back.origin + back.pathname).toBe("http://localhost:3000/auth/callback");
    expect(back.searchParams.get("next")).toBe("/workflows");
    const exchanged = await jar.client().auth.exchangeCodeForSession(back.searchParams.get("code") ?? "");
    expect(exchanged.error).toBeNull();
    const user = exchanged.data.user;
    expect(user).toMatchObject({ email, app_metadata: { provider: "github", providers: ["github"] } });
    expect(user?.identities?.[0]).toMatchObject({
      provider: "github",
      identity_data: { email, email_verified: true },
    });
    const claims = (await jar.client().auth.getClaims()).data?.claims;
    expect(claims?.amr).toEqual([expect.objectContaining({ method: "oauth" })]);

    // The provider remembers this browser: the next sign-in goes straight back with a code.
    const next = await jar.client().auth.signInWithOAuth({
      provider: "github",
      options: { redirectTo: "http://localhost:3000/auth/callback", skipBrowserRedirect: true },
    });
    const again = new URL((await browser.go(next.data.url ?? "")).url);
    expect(again.searchParams.get("code")).toBeTruthy();
  });

  it("implicit: tokens in the fragment; the same person through Google is linked to the same user", async () => {
    const email = uniqueEmail("both");
    const { client } = testClient(stack);
    const github = await client.auth.signInWithOAuth({
      provider: "github",
      options: { redirectTo: "http://localhost:3000/done", skipBrowserRedirect: true },
    });
    const first = await throughProvider(github.data.url ?? "", email);
    const fragment = new URLSearchParams(first.back.hash.slice(1));
    expect(fragment.get("provider_token")).toBeTruthy();
    const signedIn = await client.auth.getUser(fragment.get("access_token") ?? "");
    const google = await client.auth.signInWithOAuth({
      provider: "google",
      options: { skipBrowserRedirect: true },
    });
    const second = await throughProvider(google.data.url ?? "", email);
    const again = await client.auth.getUser(
      new URLSearchParams(second.back.hash.slice(1)).get("access_token") ?? "",
    );
    expect(again.data.user?.id).toBe(signedIn.data.user?.id);
    expect(again.data.user?.app_metadata.providers).toEqual(["github", "google"]);
  });

  it("a wrong state or a replayed callback ends at the redirect with GoTrue's error", async () => {
    const browser = oauthBrowser([stack.url]);
    const wrong = await browser.go(
      `${stack.url}/auth/v1/callback?code=abc&state=00000000-0000-4000-8000-000000000000`,
    );
    expect(new URL(wrong.url).searchParams.get("error_code")).toBe("bad_oauth_state");

    const { data } = await ssrCookieJar(stack)
      .client()
      .auth.signInWithOAuth({
        provider: "github",
        options: { redirectTo: "http://localhost:3000/auth/callback", skipBrowserRedirect: true },
      });
    // A browser that stops when the provider sends it back to the Auth server's /callback.
    const walk = oauthBrowser([stack.oidcUrl]);
    const login = await walk.go(data.url ?? "");
    const consent = await walk.submit(login, "/login", { login: uniqueEmail("replay") });
    const callback = (await walk.submit(consent, "/confirm")).url;
    expect(callback.startsWith(`${stack.url}/auth/v1/callback?`)).toBe(true);
    const first = await fetch(callback, { redirect: "manual" });
    expect(new URL(first.headers.get("location") ?? "").searchParams.get("code")).toBeTruthy();
    const replayed = new URL((await fetch(callback, { redirect: "manual" })).headers.get("location") ?? "");
    expect(replayed.href.startsWith("http://localhost:3000/?")).toBe(true);
    expect(replayed.searchParams.get("error_code")).toBe("flow_state_already_used");
  });

  it("Cancel on the consent page comes back as error=access_denied at the redirect", async () => {
    const { data } = await ssrCookieJar(stack)
      .client()
      .auth.signInWithOAuth({
        provider: "google",
        options: { redirectTo: "http://localhost:3000/auth/callback", skipBrowserRedirect: true },
      });
    const browser = oauthBrowser([stack.url, stack.oidcUrl]);
    const consent = await browser.submit(await browser.go(data.url ?? ""), "/login", {
      login: uniqueEmail("cancel"),
    });
    const back = new URL((await browser.submit(consent, "/abort")).url);
    expect(back.origin + back.pathname).toBe("http://localhost:3000/auth/callback");
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("code")).toBeNull();
  });

  it("refuses a provider that is off or unknown with validation_failed", async () => {
    const off = await startTestStack();
    try {
      const url = `${off.url}/auth/v1/authorize?provider=github&apikey=${off.context.config.publishableKey}`;
      const response = await fetch(url, {
        redirect: "manual",
        headers: { "x-supabase-api-version": "2024-01-01" },
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: "validation_failed",
        message: "Unsupported provider: provider is not enabled",
      });
    } finally {
      await off.close();
    }
  });
});
