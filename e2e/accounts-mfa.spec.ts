import type { Page } from "@playwright/test";
import { expect, localStackOnly, test } from "./fixtures";
import { confirmLink, waitForEmail } from "./fixtures/inbox";
import { enrollTotpElsewhere, totpCode, unusedTotpCode, wrongTotpCode } from "./fixtures/totp";
import type { E2EUser } from "./fixtures/users";
import { AccountPages } from "./pages/accounts";
import { AuthPages, atPath } from "./pages/auth";

/** Adds an authenticator on the account page, as a person with an app would; returns its secret and the code used. */
async function enrollTotp(page: Page): Promise<{ secret: string; usedCode: string }> {
  const account = new AccountPages(page);
  await page.goto("/account");
  const section = account.section("Two-factor sign-in");
  await section.getByLabel("Authenticator name").fill("Test phone");
  await section.getByRole("button", { name: "Add authenticator app" }).click();
  const qr = section.getByRole("img", { name: /QR code/ });
  await expect(qr).toBeVisible();
  // The image is drawn, not broken: a `#` left unencoded in its data: URL cut the SVG short.
  await expect
    .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  const secret = (await section.getByTestId("totp-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

  await section.getByLabel("Code from the app").fill(wrongTotpCode(secret));
  await section.getByRole("button", { name: "Verify and turn on" }).click();
  await expect(section.getByRole("alert")).toContainText("That code is not right");
  const usedCode = totpCode(secret);
  await section.getByLabel("Code from the app").fill(usedCode);
  await section.getByRole("button", { name: "Verify and turn on" }).click();
  await expect(
    section.getByRole("list", { name: "Authenticator apps" }).getByText("Test phone"),
  ).toBeVisible();
  return { secret, usedCode };
}

async function signInWithPassword(page: Page, user: E2EUser, next?: string) {
  await page.context().clearCookies();
  const auth = new AuthPages(page);
  await auth.gotoLogin(next);
  await auth.signIn(user.email, user.password);
}

test.describe("two-factor sign-in (TOTP)", () => {
  test("after enrolling, signing in asks for the app's code before the app opens", async ({
    page,
    makeUser,
    signIn,
  }) => {
    const user = await makeUser("totp");
    await signIn(page, user);
    const { secret, usedCode } = await enrollTotp(page);

    await signInWithPassword(page, user, "/account");
    await page.waitForURL(atPath("/mfa", "?next=%2Faccount"));
    await page.goto("/workflows");
    await page.waitForURL(atPath("/mfa", "?next=%2Fworkflows"));

    const form = page.getByRole("form", { name: "Two-factor code" });
    await form.getByLabel("Authentication code").fill(wrongTotpCode(secret));
    await form.getByRole("button", { name: "Verify" }).click();
    await expect(form.getByRole("alert")).toContainText("That code is not right");
    // The code that turned the authenticator on works once: it does not sign in again.
    await form.getByLabel("Authentication code").fill(usedCode);
    await form.getByRole("button", { name: "Verify" }).click();
    await expect(form.getByRole("alert")).toContainText("That code is not right");
    await form.getByLabel("Authentication code").fill(unusedTotpCode(secret));
    await form.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(atPath("/workflows"));
    await new AuthPages(page).expectSignedInAs(user.displayName);
  });

  test("credentials need the second factor: the page sends to the prompt, the API refuses", async ({
    page,
    makeUser,
    signIn,
  }) => {
    const user = await makeUser("totpcred");
    await signIn(page, user);
    await enrollTotp(page);
    // The signIn fixture's session is a password-only (AAL1) one, made through the Auth API.
    await page.context().clearCookies();
    await signIn(page, user);

    await page.goto("/connections");
    await page.waitForURL(atPath("/mfa", "?next=%2Fconnections"));
    const response = await page.request.get("/api/trpc/connections.list");
    expect(response.status()).toBe(403);
    const body = await response.json();
    expect(body.error.json.data.code).toBe("FORBIDDEN");
    expect(body.error.json.message).toContain("authenticator app");
  });

  test("removing the authenticator turns the prompt off again", async ({ page, makeUser, signIn }) => {
    const user = await makeUser("totpoff");
    await signIn(page, user);
    await enrollTotp(page);
    const section = new AccountPages(page).section("Two-factor sign-in");
    await section.getByRole("button", { name: "Remove" }).click();
    await expect(section.getByText("Two-factor sign-in is off.")).toBeVisible();

    await signInWithPassword(page, user);
    await page.waitForURL(atPath("/workflows"));
  });
});

test.describe("changes that need the second factor (an AAL1 session of an account with one)", () => {
  test("the account page asks for the authenticator code before changing the password", async ({
    page,
    makeUser,
    signIn,
  }) => {
    const user = await makeUser("stepuppw");
    await signIn(page, user);
    const account = new AccountPages(page);
    await page.goto("/account");
    // Meanwhile the person turned two-factor sign-in on from another device: this session is AAL1.
    const secret = await enrollTotpElsewhere(user);

    const section = account.section("Password");
    const newPassword = `stepped-${user.password}`;
    await section.getByLabel("New password", { exact: true }).fill(newPassword);
    await section.getByRole("button", { name: "Change password" }).click();
    await expect(
      section.getByRole("status").filter({ hasText: "Confirm with your authenticator app" }),
    ).toBeVisible();
    await section.getByLabel("Authentication code").fill(wrongTotpCode(secret));
    await section.getByRole("button", { name: "Change password" }).click();
    await expect(account.error(section)).toContainText("That code is not right");
    await section.getByLabel("Authentication code").fill(unusedTotpCode(secret));
    await section.getByRole("button", { name: "Change password" }).click();
    await expect(account.notice("Password changed.")).toBeVisible();

    await signInWithPassword(page, { ...user, password: newPassword });
    await page.waitForURL(atPath("/mfa", "?next=%2Fworkflows"));
  });

  test("the account page asks for the authenticator code before changing the email address", async ({
    page,
    makeUser,
    signIn,
  }) => {
    const user = await makeUser("stepupmail");
    await signIn(page, user);
    const account = new AccountPages(page);
    await page.goto("/account");
    const secret = await enrollTotpElsewhere(user);

    const section = account.section("Email address");
    const next = `moved-${user.email}`;
    await section.getByLabel("New email address").fill(next);
    await section.getByRole("button", { name: "Change email" }).click();
    await expect(
      section.getByRole("status").filter({ hasText: "Confirm with your authenticator app" }),
    ).toBeVisible();
    await section.getByLabel("Authentication code").fill(unusedTotpCode(secret));
    await section.getByRole("button", { name: "Change email" }).click();
    await expect(page.getByTestId("pending-email")).toHaveText(next);
  });

  test("a password reset link asks for the authenticator code before the new password", async ({
    page,
    makeUser,
  }) => {
    localStackOnly("reads the reset email from the local inbox");
    const user = await makeUser("stepupreset");
    const secret = await enrollTotpElsewhere(user);
    const auth = new AuthPages(page);
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await expect(new AccountPages(page).notice("Check your inbox")).toBeVisible();

    await page.goto(confirmLink(await waitForEmail(user.email, /reset your password/i)));
    await page.waitForURL(atPath("/mfa", "?next=%2Freset-password"));
    const form = page.getByRole("form", { name: "Two-factor code" });
    await form.getByLabel("Authentication code").fill(unusedTotpCode(secret));
    await form.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(atPath("/reset-password"));
    const newPassword = `reset-${user.password}`;
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Repeat the new password").fill(newPassword);
    await page.getByRole("button", { name: "Save password and continue" }).click();
    await page.waitForURL(atPath("/workflows"));
    await auth.expectSignedInAs(user.displayName);
  });
});
