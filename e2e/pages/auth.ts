import { expect, type Locator, type Page, test } from "@playwright/test";
import { confirmLink, waitForEmail } from "../fixtures/inbox";
import { e2eStack } from "../fixtures/stack";

/**
 * Matches a URL by its exact path (and query, when given). Safer than a regex on the whole URL:
 * `/signup?next=/account` must not count as being on `/account`.
 */
export function atPath(pathname: string, search = ""): (url: URL) => boolean {
  return (url) => url.pathname === pathname && url.search === search;
}

/** The sign-in and sign-up forms, and the account menu of the signed-in shell. */
export class AuthPages {
  constructor(private readonly page: Page) {}

  /** The form's own alert (Next.js adds a route announcer with role=alert to every page). */
  get errorAlert(): Locator {
    return this.page.locator("form").getByRole("alert");
  }

  async gotoLogin(next?: string) {
    await this.page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  }

  async gotoSignup() {
    await this.page.goto("/signup");
  }

  async signIn(email: string, password: string) {
    const form = this.page.getByRole("form", { name: "Sign in" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Password", { exact: true }).fill(password);
    await form.getByRole("button", { name: "Sign in" }).click();
  }

  async signUp(displayName: string, email: string, password: string) {
    const form = this.page.getByRole("form", { name: "Create account" });
    await form.getByLabel("Name").fill(displayName);
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Password", { exact: true }).fill(password);
    await form.getByRole("button", { name: "Create account" }).click();
  }

  /**
   * After the sign-up form: with email confirmation on (a new project's default, and the local
   * stack's) opens the emailed link from the local inbox; with it off, sign-up already signed in.
   */
  async finishSignUp(email: string) {
    const checkInbox = this.page.getByRole("status").filter({ hasText: "Check your inbox" });
    await expect(
      checkInbox.or(this.page.getByRole("heading", { name: "Workflows", level: 1 })),
    ).toBeVisible();
    if (!(await checkInbox.isVisible())) return;
    test.skip(
      e2eStack.remote,
      "the deployment confirms sign-ups by email, and its inbox is not the suite's to read",
    );
    await this.page.goto(confirmLink(await waitForEmail(email, /confirm your signup/i)));
  }

  accountMenuButton(name: string): Locator {
    return this.page.getByRole("button", { name: `Account menu for ${name}` });
  }

  async expectSignedInAs(name: string) {
    await expect(this.accountMenuButton(name)).toBeVisible();
  }

  async signOut(name: string) {
    await this.accountMenuButton(name).click();
    await this.page.getByRole("menuitem", { name: "Sign out" }).click();
    await this.page.waitForURL(atPath("/login"));
  }
}
