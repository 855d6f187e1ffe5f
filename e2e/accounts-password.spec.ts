import { expect, localStackOnly, test } from "./fixtures";
import { confirmLink, waitForEmail } from "./fixtures/inbox";
import { AccountPages } from "./pages/accounts";
import { AuthPages, atPath } from "./pages/auth";

test.describe("forgot password", () => {
  test.beforeEach(() => localStackOnly("reads the reset email from the local inbox"));

  test("the emailed link leads to a new password that signs in; the old one and the used link no longer work", async ({
    page,
    makeUser,
  }) => {
    const user = await makeUser("reset");
    const auth = new AuthPages(page);
    const account = new AccountPages(page);
    await auth.gotoLogin();
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await page.waitForURL(atPath("/forgot-password"));
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await expect(account.notice("Check your inbox")).toBeVisible();

    const link = confirmLink(await waitForEmail(user.email, /reset your password/i));
    await page.goto(link);
    await page.waitForURL(atPath("/reset-password"));
    const newPassword = `new-${user.password}`;
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Repeat the new password").fill("something else");
    await page.getByRole("button", { name: "Save password and continue" }).click();
    await expect(auth.errorAlert).toHaveText("The two passwords are not the same.");
    await page.getByLabel("Repeat the new password").fill(newPassword);
    await page.getByRole("button", { name: "Save password and continue" }).click();
    await page.waitForURL(atPath("/workflows"));
    await auth.expectSignedInAs(user.displayName);

    await page.context().clearCookies();
    await page.goto(link);
    await account.expectProblem("This link is no longer valid");

    await auth.gotoLogin();
    await auth.signIn(user.email, user.password);
    await expect(auth.errorAlert).toContainText("don't match");
    await page.getByLabel("Password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(atPath("/workflows"));
  });

  test("a link with a made-up token changes nothing and says so", async ({ page }) => {
    await page.goto("/auth/confirm?token_hash=pkce_0000000000000000&type=recovery");
    await new AccountPages(page).expectProblem("This link is no longer valid");
    await page.goto("/auth/confirm?type=recovery");
    await new AccountPages(page).expectProblem("This link doesn't work");
  });
});

test.describe("change password", () => {
  test("a signed-in person sets a new password from the account page", async ({ page, makeUser, signIn }) => {
    const user = await makeUser("chpw");
    await signIn(page, user);
    const account = new AccountPages(page);
    await page.goto("/account");
    const section = account.section("Password");
    await section.getByLabel("New password", { exact: true }).fill("abc");
    await section.getByRole("button", { name: "Change password" }).click();
    await expect(account.error(section)).toContainText(/characters/);

    const newPassword = `changed-${user.password}`;
    await section.getByLabel("New password", { exact: true }).fill(newPassword);
    await section.getByRole("button", { name: "Change password" }).click();
    await expect(account.notice("Password changed.")).toBeVisible();

    await page.context().clearCookies();
    const auth = new AuthPages(page);
    await auth.gotoLogin();
    await auth.signIn(user.email, newPassword);
    await page.waitForURL(atPath("/workflows"));
  });
});
