import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { totpCode, wrongTotpCode } from "./fixtures/totp";
import type { E2EUser } from "./fixtures/users";
import { AccountPages } from "./pages/accounts";
import { AuthPages, atPath } from "./pages/auth";

/** Adds an authenticator on the account page, as a person with an app would; returns its secret. */
async function enrollTotp(page: Page): Promise<string> {
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
  await section.getByLabel("Code from the app").fill(totpCode(secret));
  await section.getByRole("button", { name: "Verify and turn on" }).click();
  await expect(
    section.getByRole("list", { name: "Authenticator apps" }).getByText("Test phone"),
  ).toBeVisible();
  return secret;
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
    const secret = await enrollTotp(page);

    await signInWithPassword(page, user, "/account");
    await page.waitForURL(atPath("/mfa", "?next=%2Faccount"));
    await page.goto("/workflows");
    await page.waitForURL(atPath("/mfa", "?next=%2Fworkflows"));

    const form = page.getByRole("form", { name: "Two-factor code" });
    await form.getByLabel("Authentication code").fill(wrongTotpCode(secret));
    await form.getByRole("button", { name: "Verify" }).click();
    await expect(form.getByRole("alert")).toContainText("That code is not right");
    await form.getByLabel("Authentication code").fill(totpCode(secret));
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
