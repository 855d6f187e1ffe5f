import { expect, type Locator, type Page } from "@playwright/test";

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
