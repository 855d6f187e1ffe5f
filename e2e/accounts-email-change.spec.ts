import { expect, localStackOnly, test } from "./fixtures";
import { confirmLink } from "./fixtures/inbox";
import { uniqueCredentials } from "./fixtures/users";
import { AccountPages } from "./pages/accounts";
import { AuthPages, atPath } from "./pages/auth";

test.describe("email change", () => {
  test("both addresses confirm (secure email change); the page shows the pending address until then", async ({
    page,
    makeUser,
    signIn,
  }) => {
    localStackOnly("reads both confirmation emails from the local inbox");
    const user = await makeUser("chmail");
    const newEmail = uniqueCredentials("chmail-new").email;
    await signIn(page, user);
    const account = new AccountPages(page);
    await page.goto("/account");
    const section = account.section("Email address");
    await section.getByLabel("New email address").fill(newEmail);
    await section.getByRole("button", { name: "Change email" }).click();
    await expect(section.getByTestId("pending-email")).toHaveText(newEmail);
    await expect(section.getByTestId("current-email")).toHaveText(user.email);

    const toNew = await account.openEmailLink(newEmail, /confirm email change/i);
    await page.waitForURL(atPath("/account", "?notice=email-change-half"));
    await expect(account.notice("Open the link sent to your other address too")).toBeVisible();
    await expect(section.getByTestId("current-email")).toHaveText(user.email);

    await account.openEmailLink(user.email, /confirm email change/i);
    await page.waitForURL(atPath("/account", "?notice=email-changed"));
    await expect(account.notice("Your email address is changed.")).toBeVisible();
    await expect(section.getByTestId("current-email")).toHaveText(newEmail);
    await expect(section.getByTestId("pending-email")).toHaveCount(0);

    // The first link again: already used, and nothing changes.
    await page.goto(confirmLink(toNew));
    await account.expectProblem("This link is no longer valid");
    await page.context().clearCookies();
    const auth = new AuthPages(page);
    await auth.gotoLogin();
    await auth.signIn(newEmail, user.password);
    await page.waitForURL(atPath("/workflows"));
  });

  test("an address another account uses is refused and nothing is pending", async ({
    page,
    makeUser,
    signIn,
    workerUser,
  }) => {
    const user = await makeUser("taken");
    await signIn(page, user);
    const account = new AccountPages(page);
    await page.goto("/account");
    const section = account.section("Email address");
    await section.getByLabel("New email address").fill(workerUser.email);
    await section.getByRole("button", { name: "Change email" }).click();
    await expect(account.error(section)).toHaveText("Another account already uses this email address.");
    await page.reload();
    await expect(section.getByTestId("pending-email")).toHaveCount(0);
    await expect(section.getByTestId("current-email")).toHaveText(user.email);
  });
});
