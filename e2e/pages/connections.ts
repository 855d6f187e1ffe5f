import { expect, type Locator, type Page } from "@playwright/test";

/** The Connections page: one card per registry server with this user's status. */
export class ConnectionsPage {
  constructor(readonly page: Page) {}

  card(serverName: string): Locator {
    return this.page.getByRole("listitem", { name: serverName });
  }

  /**
   * Connects through OAuth as a user would: the browser goes to the authorization server (the
   * local demo approves at once) and comes back through the app's callback.
   */
  async connectWithOAuth(serverName: string, serverId: string): Promise<Locator> {
    const card = this.card(serverName);
    await card.getByRole("button", { name: "Connect" }).click();
    await card.getByLabel("Sign in (OAuth)").check();
    await card.getByRole("button", { name: "Continue to sign in" }).click();
    await this.page.waitForURL(new RegExp(`/connections\\?connected=${serverId}`), { timeout: 30_000 });
    await expect(this.page.getByText(`Connected to ${serverName}.`)).toBeVisible();
    await expect(card.getByTestId("connection-status")).toHaveText("verified");
    return card;
  }
}
