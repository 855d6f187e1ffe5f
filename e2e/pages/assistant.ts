import { expect, type Page } from "@playwright/test";

/** Trymate's side panel in the editor. */
export class AssistantPanel {
  constructor(readonly page: Page) {}

  get panel() {
    return this.page.getByRole("complementary", { name: "Trymate" });
  }
  get activity() {
    return this.panel.getByTestId("assistant-activity");
  }
  get messages() {
    return this.panel.getByTestId("assistant-messages");
  }

  async open() {
    await this.page.getByRole("button", { name: "Trymate", exact: true }).click();
    await expect(this.panel.getByRole("textbox", { name: "Message Trymate" })).toBeVisible();
  }

  async ask(text: string, options: { proposeFirst?: boolean } = {}) {
    if (options.proposeFirst) await this.panel.getByRole("checkbox", { name: "Propose first" }).check();
    await this.panel.getByRole("textbox", { name: "Message Trymate" }).fill(text);
    await this.panel.getByRole("button", { name: "Send" }).click();
  }
}
