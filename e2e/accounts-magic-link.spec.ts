import type { Page } from "@playwright/test";
import { expect, localStackOnly, test } from "./fixtures";
import { confirmLink, emailCode, waitForEmail } from "./fixtures/inbox";
import { AccountPages } from "./pages/accounts";
import { AuthPages, atPath } from "./pages/auth";

test.describe("sign-in with an email link", () => {
  test.beforeEach(() => localStackOnly("reads the sign-in email from the local inbox"));

  async function requestLink(page: Page, email: string) {
    await page.getByRole("button", { name: "Email me a link instead" }).click();
    await page.getByRole("form", { name: "Email sign-in link" }).getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(new AccountPages(page).notice("Check your inbox")).toContainText(email);
  }

  test("the link signs in and lands on the page the person wanted", async ({ page, makeUser }) => {
    const user = await makeUser("magic");
    await page.goto("/account");
    await page.waitForURL(atPath("/login", "?next=%2Faccount"));
    await requestLink(page, user.email);
    await new AccountPages(page).openEmailLink(user.email, /magic link/i);
    await page.waitForURL(atPath("/account"));
    await new AuthPages(page).expectSignedInAs(user.displayName);
  });

  test("the code from the email signs in too; a wrong code is refused", async ({ page, makeUser }) => {
    const user = await makeUser("otp");
    await new AuthPages(page).gotoLogin();
    await requestLink(page, user.email);
    const code = emailCode(await waitForEmail(user.email, /magic link/i));
    const form = page.getByRole("form", { name: "Sign-in code" });
    await form.getByLabel("Code").fill(code === "123456" ? "654321" : "123456");
    await form.getByRole("button", { name: "Sign in with code" }).click();
    await expect(form.getByRole("alert")).toContainText("expired or was used already");
    await form.getByLabel("Code").fill(code);
    await form.getByRole("button", { name: "Sign in with code" }).click();
    await page.waitForURL(atPath("/workflows"));
    await new AuthPages(page).expectSignedInAs(user.displayName);
  });

  test("a link whose next points off the site lands in the app instead", async ({ page, makeUser }) => {
    const user = await makeUser("offsite");
    await new AuthPages(page).gotoLogin();
    await requestLink(page, user.email);
    const link = new URL(confirmLink(await waitForEmail(user.email, /magic link/i)), "http://app.invalid");
    link.searchParams.set("next", "https://evil.example/steal");
    await page.goto(`${link.pathname}${link.search}`);
    await page.waitForURL(atPath("/workflows"));
  });

  test("an address without an account gets no link, and the same words as one with an account", async ({
    page,
    makeUser,
  }) => {
    const user = await makeUser("known");
    const nobody = "nobody-here@example.test";
    const shown: string[] = [];
    for (const email of [user.email, nobody]) {
      await page.context().clearCookies();
      await new AuthPages(page).gotoLogin();
      await requestLink(page, email);
      const notice = new AccountPages(page).notice("Check your inbox");
      shown.push(((await notice.textContent()) ?? "").replace(email, "<address>"));
    }
    expect(shown[1]).toBe(shown[0]);
    await waitForEmail(user.email, /magic link/i);
  });
});
