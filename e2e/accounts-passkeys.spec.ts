import type { CDPSession, Page } from "@playwright/test";
import { expect, localStackOnly, test } from "./fixtures";
import { confirmLink, waitForEmail } from "./fixtures/inbox";
import { e2eStack } from "./fixtures/stack";
import { type E2EUser, sessionCookies } from "./fixtures/users";
import { AuthPages, atPath } from "./pages/auth";

// WebAuthn needs a domain as relying party, never an IP address: these tests use the app on
// localhost (the stack's WEBAUTHN_RP_ID and RP_ORIGINS in playwright.config.ts).
const APP = `http://localhost:${e2eStack.appPort}`;

/**
 * Chromium's virtual authenticator through CDP, answering at once with user verification: a
 * platform one with resident keys (a passkey-capable device), or a USB security key (what
 * auth-js asks for when enrolling a WebAuthn factor: a cross-platform authenticator).
 */
async function virtualAuthenticator(
  page: Page,
  kind: "platform" | "security key" = "platform",
): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: kind === "platform" ? "internal" : "usb",
      hasResidentKey: kind === "platform",
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/** Signs the browser in on the localhost origin (the fixtures' cookies are for 127.0.0.1). */
async function signInOnLocalhost(page: Page, user: E2EUser) {
  await page.context().clearCookies();
  const cookies = await sessionCookies(user);
  await page.context().addCookies(
    cookies.map(({ name, value }) => ({
      name,
      value,
      domain: "localhost",
      path: "/",
      sameSite: "Lax" as const,
    })),
  );
}

test.describe("passkeys and security keys", () => {
  test.beforeEach(() => {
    localStackOnly("the deployment's relying party is its own domain");
    // Whole journeys: several sign-ins, ceremonies and page loads each.
    test.slow();
  });

  test("add a passkey on the account page, sign in with it, remove it", async ({ page, makeUser }) => {
    const user = await makeUser("passkey");
    const { cdp, authenticatorId } = await virtualAuthenticator(page);
    await signInOnLocalhost(page, user);
    await page.goto(`${APP}/account`);
    const section = page.getByRole("region", { name: "Passkeys" });
    await expect(section.getByText("No passkeys yet")).toBeVisible();
    await section.getByRole("button", { name: "Add a passkey" }).click();
    await expect(
      section.getByRole("list", { name: "Passkeys" }).getByText("Passkey", { exact: true }),
    ).toBeVisible({ timeout: 30_000 });
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);

    await page.context().clearCookies();
    await page.goto(`${APP}/login?next=%2Faccount`);
    await page.getByRole("button", { name: "Continue with a passkey" }).click();
    await page.waitForURL(atPath("/account"));
    await new AuthPages(page).expectSignedInAs(user.displayName);
    await expect(section.getByText(/last used/)).toBeVisible();

    await section.getByRole("button", { name: "Remove" }).click();
    await expect(section.getByText("No passkeys yet")).toBeVisible();
    await page.context().clearCookies();
    await page.goto(`${APP}/login`);
    await page.getByRole("button", { name: "Continue with a passkey" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "was not accepted" })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  test("a security key as second factor: enrol it, then sign-in asks for it", async ({ page, makeUser }) => {
    const user = await makeUser("seckey");
    await virtualAuthenticator(page, "security key");
    await signInOnLocalhost(page, user);
    await page.goto(`${APP}/account`);
    const section = page.getByRole("region", { name: "Two-factor sign-in" });
    await section.getByRole("button", { name: "Add security key" }).click();
    // Enrol, challenge, the browser's ceremony and verify: four round trips, slow on a busy machine.
    await expect(
      section.getByRole("list", { name: "Security keys" }).getByText("Security key 1"),
    ).toBeVisible({ timeout: 30_000 });

    await page.context().clearCookies();
    await page.goto(`${APP}/login?next=%2Fworkflows`);
    await new AuthPages(page).signIn(user.email, user.password);
    await page.waitForURL(atPath("/mfa", "?next=%2Fworkflows"));
    await page.getByRole("button", { name: "Use security key" }).click();
    await page.waitForURL(atPath("/workflows"));
    await new AuthPages(page).expectSignedInAs(user.displayName);
  });
});

test.describe("trying the app without an account", () => {
  test.beforeEach(() => {
    localStackOnly("anonymous sign-ins are a setting of the local stack here");
    test.slow();
  });

  test("an anonymous visitor makes a workflow, then keeps it by adding an email", async ({ page }) => {
    await page.context().clearCookies();
    await page.goto("/login");
    await page.getByRole("button", { name: "Try it without an account" }).click();
    await page.waitForURL(atPath("/workflows"));
    const banner = page.getByRole("status").filter({ hasText: "without an account" });
    await expect(banner).toBeVisible();
    await page.getByRole("button", { name: "Create your first workflow" }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);

    await banner.getByRole("link", { name: "Add your email to keep your work" }).click();
    await page.waitForURL(atPath("/account"));
    const keep = page.getByRole("form", { name: "Keep your work" });
    const email = `keep-${Date.now()}@example.test`;
    await keep.getByLabel("Email").fill(email);
    await keep.getByLabel("Password", { exact: true }).fill("a-long-password");
    await keep.getByRole("button", { name: "Keep my work" }).click();
    await expect(keep.getByText(`open the link we sent to ${email}`)).toBeVisible();

    await page.goto(confirmLink(await waitForEmail(email, /Confirm Email Change/)));
    await page.waitForURL((url) => url.pathname === "/account");
    await expect(page.getByRole("form", { name: "Keep your work" })).toHaveCount(0);
    await expect(page.getByTestId("current-email")).toHaveText(email);

    await page.context().clearCookies();
    await page.goto("/login");
    await new AuthPages(page).signIn(email, "a-long-password");
    await page.waitForURL(atPath("/workflows"));
    await expect(page.getByRole("link", { name: "Untitled Workflow" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "without an account" })).toHaveCount(0);
  });
});
