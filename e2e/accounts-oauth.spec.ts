import { expect, localStackOnly, test } from "./fixtures";
import { e2eStack } from "./fixtures/stack";
import { uniqueCredentials } from "./fixtures/users";
import { AccountPages } from "./pages/accounts";
import { atPath } from "./pages/auth";

test.describe("OAuth sign-in (GitHub through the local OpenID provider)", () => {
  test.beforeEach(() => localStackOnly("signs in at the local OpenID provider that stands in for GitHub"));

  test("Continue with GitHub → the provider → back at the page the person came from, signed in", async ({
    page,
  }) => {
    const person = uniqueCredentials("github");
    await page.goto("/account");
    await page.waitForURL(atPath("/login", "?next=%2Faccount"));
    await expect(page.getByRole("button", { name: "Continue with Google" })).toBeVisible();
    const callback = page.waitForRequest((request) => new URL(request.url()).pathname === "/auth/callback");
    await page.getByRole("button", { name: "Continue with GitHub" }).click();

    await page.getByLabel("Email").fill(person.email);
    await page.getByRole("button", { name: "Sign in" }).click();
    const authorize = page.getByRole("button", { name: "Authorize" });
    if (await authorize.isVisible({ timeout: 2000 }).catch(() => false)) await authorize.click();

    await page.waitForURL(atPath("/account"));
    await expect(new AccountPages(page).section("Email address").getByTestId("current-email")).toHaveText(
      person.email,
    );

    // The same code again: it was traded already, so nobody is signed in with it.
    const returned = new URL((await callback).url());
    await page.context().clearCookies();
    await page.goto(`${returned.pathname}${returned.search}`);
    await new AccountPages(page).expectProblem("This sign-in could not be verified");
    await page.goto("/account");
    await page.waitForURL(atPath("/login", "?next=%2Faccount"));
  });

  test("a forged state at Auth's callback, or a provider's refusal, signs nobody in", async ({ page }) => {
    // Auth cannot tie a forged state to a flow, so it reports to the Site URL (the app's root).
    await page.goto(`${e2eStack.supabaseUrl}/auth/v1/callback?code=forged&state=forged`);
    await new AccountPages(page).expectProblem("This sign-in could not be verified");
    await page.goto("/auth/callback?error=access_denied&error_code=access_denied&error_description=denied");
    await new AccountPages(page).expectProblem("Sign-in was cancelled");
    await page.goto("/workflows");
    await page.waitForURL(atPath("/login", "?next=%2Fworkflows"));
  });
});
