import { expect, localStackOnly, test } from "./fixtures";
import { confirmLink, emailCode, waitForEmail } from "./fixtures/inbox";
import { e2eStack } from "./fixtures/stack";
import { uniqueCredentials } from "./fixtures/users";
import { AccountPages } from "./pages/accounts";
import { AuthPages, atPath } from "./pages/auth";

test.describe("sign-up with email confirmation", () => {
  test.beforeEach(() => localStackOnly("reads the confirmation email from the local inbox"));

  test("no session until the emailed link is opened; the link then opens the app, once", async ({ page }) => {
    const person = uniqueCredentials("confirm");
    const auth = new AuthPages(page);
    const account = new AccountPages(page);
    await page.goto("/signup?next=%2Faccount");
    await auth.signUp(person.displayName, person.email, person.password);
    await expect(account.notice("Check your inbox")).toContainText(person.email);

    await auth.gotoLogin();
    await auth.signIn(person.email, person.password);
    await expect(auth.errorAlert).toContainText("Confirm your email address first");

    const link = confirmLink(await waitForEmail(person.email, /confirm your signup/i));
    await page.goto(link);
    await page.waitForURL(atPath("/account"));
    await auth.expectSignedInAs(person.displayName);

    await page.context().clearCookies();
    await page.goto(link);
    await account.expectProblem("This link is no longer valid");
  });

  test("the emailed code typed on the sign-up page confirms the address; a wrong one is refused", async ({
    page,
  }) => {
    const person = uniqueCredentials("code");
    const auth = new AuthPages(page);
    await page.goto("/signup?next=%2Faccount");
    await auth.signUp(person.displayName, person.email, person.password);
    const form = page.getByRole("form", { name: "Confirmation code" });
    await expect(form.getByRole("status")).toContainText(person.email);
    await expect(form.getByRole("link", { name: "local inbox" })).toHaveAttribute(
      "href",
      new RegExp(`^http://[^/]+:${e2eStack.inboxPort}/?$`),
    );

    const code = emailCode(await waitForEmail(person.email, /confirm your signup/i));
    const wrong = code === "000000" ? "111111" : "000000";
    await form.getByLabel("Confirmation code").fill(wrong);
    await form.getByRole("button", { name: "Confirm and continue" }).click();
    await expect(form.getByRole("alert")).toContainText("That code has expired or was used already");

    await form.getByLabel("Confirmation code").fill(code);
    await form.getByRole("button", { name: "Confirm and continue" }).click();
    await page.waitForURL(atPath("/account"));
    await auth.expectSignedInAs(person.displayName);
  });
});
