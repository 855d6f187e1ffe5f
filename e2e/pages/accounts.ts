import { expect, type Locator, type Page } from "@playwright/test";
import { confirmLink, type InboxMessage, waitForEmail } from "../fixtures/inbox";

/** The account page's sign-in settings and the email links that come back to the app. */
export class AccountPages {
  constructor(private readonly page: Page) {}

  /** A section of the account page, by its heading. */
  section(name: "Email address" | "Password" | "Two-factor sign-in" | "Delete account"): Locator {
    return this.page.getByRole("region", { name });
  }

  /** The success notice a form shows (role=status), by its text. */
  notice(text: string | RegExp): Locator {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  /** The form's own alert, not Next.js's route announcer. */
  error(within: Locator = this.page.locator("main")): Locator {
    return within.locator("form").getByRole("alert");
  }

  /** Waits for the email and opens its /auth/confirm link in this page; returns the email. */
  async openEmailLink(address: string, subject: RegExp, seen: readonly string[] = []): Promise<InboxMessage> {
    const email = await waitForEmail(address, subject, seen);
    await this.page.goto(confirmLink(email));
    return email;
  }

  async expectProblem(title: string) {
    await expect(this.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(this.page.getByText("Nothing was changed.")).toBeVisible();
  }
}
