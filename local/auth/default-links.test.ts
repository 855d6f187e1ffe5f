import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, uniqueEmail } from "../../test/auth-clients";
import { emailLink, nextEmail } from "../../test/inbox";
import { startTestStack } from "../../test/local-stack";
import type { LocalStack } from "../server";

// GoTrue's default templates link to its own GET /verify (`{{ .ConfirmationURL }}`); the
// official clients' tests follow that link, so emails carry it beside the app's token_hash link.

let stack: LocalStack;
let open: LocalStack;
beforeAll(async () => {
  [stack, open] = await Promise.all([
    startTestStack({ auth: { mailerAutoconfirm: false } }),
    startTestStack({ allowedOrigins: ["*"] }),
  ]);
});
afterAll(async () => {
  await Promise.all([stack?.close(), open?.close()]);
});

/** The `<API>/auth/v1/verify?token&type&redirect_to` link of an email's text. */
function verifyLinkOf(text: string): URL {
  const href = /https?:\/\/\S+\/auth\/v1\/verify\?\S+/.exec(text)?.[0];
  if (!href) throw new Error(`no /auth/v1/verify link in: ${text}`);
  return new URL(href);
}

describe("the default email template link", () => {
  it("confirms a sign-up through GET /verify and redirects with the session, beside the app's link", async () => {
    const email = uniqueEmail("default-link");
    const { client } = testClient(stack);
    const redirectTo = "http://localhost:3000/welcome";
    await client.auth.signUp({ email, password: "a-password", options: { emailRedirectTo: redirectTo } });
    const message = await nextEmail(stack, email);
    const appLink = emailLink(message);
    const link = verifyLinkOf(message.text);
    expect(`${link.origin}${link.pathname}`).toBe(`${stack.url}/auth/v1/verify`);
    expect(Object.fromEntries(link.searchParams)).toEqual({
      token: appLink.tokenHash,
      type: "signup",
      redirect_to: redirectTo,
    });
    expect(message.html).toContain(`${stack.url}/auth/v1/verify?token=`);

    const response = await fetch(link, { redirect: "manual" });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(redirectTo);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get("access_token")).toBeTruthy();
    expect(fragment.get("type")).toBe("signup");
    const signedIn = await testClient(stack).client.auth.signInWithPassword({
      email,
      password: "a-password",
    });
    expect(signedIn.error).toBeNull();
  });

  it("is the same kind of link for a password reset", async () => {
    const admin = testClient(stack, stack.context.config.secretKey).client;
    const email = uniqueEmail("default-reset");
    await admin.auth.admin.createUser({ email, password: "a-password", email_confirm: true });
    await testClient(stack).client.auth.resetPasswordForEmail(email);
    const link = verifyLinkOf((await nextEmail(stack, email)).text);
    expect(link.searchParams.get("type")).toBe("recovery");
    const response = await fetch(link, { redirect: "manual" });
    expect(
      new URLSearchParams(new URL(response.headers.get("location") ?? "").hash.slice(1)).get("type"),
    ).toBe("recovery");
  });
});

describe("CORS", () => {
  const preflight = (target: LocalStack, origin: string) =>
    fetch(`${target.url}/auth/v1/settings`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "apikey" },
    });

  it("answers no foreign origin by default", async () => {
    const response = await preflight(stack, "https://elsewhere.example");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers any origin when the allowed origins include *, never with credentials", async () => {
    for (const origin of ["https://elsewhere.example", "http://localhost:5173"]) {
      const response = await preflight(open, origin);
      expect(response.headers.get("access-control-allow-origin")).toBe(origin);
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    }
  });
});
