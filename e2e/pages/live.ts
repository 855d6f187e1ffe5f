import { type Browser, type BrowserContextOptions, expect, type Page } from "@playwright/test";
import type { E2EUser } from "../fixtures";
import { EditorPage } from "./editor";

/** An editor page plus what the Neural Transition shows: live status, presence, cursors, title. */
export class LiveEditorPage extends EditorPage {
  get liveStatus() {
    return this.page.getByTestId("live-status");
  }
  get presence() {
    return this.page.getByTestId("presence").locator("li");
  }
  get cursors() {
    return this.page.getByTestId("live-cursor");
  }
  get title() {
    return this.page.getByTestId("workflow-title");
  }

  /** Waits until the channel is subscribed and the graph reconciled (no fixed sleeps). */
  async live() {
    await expect(this.liveStatus).toHaveAttribute("data-state", "live", { timeout: 15_000 });
  }

  async open(workflowId: string) {
    await this.page.goto(`/workflows/${workflowId}`);
    await this.ready();
    await this.live();
  }

  async rename(name: string) {
    await this.title.getByRole("button").click();
    const field = this.page.getByRole("textbox", { name: "Workflow name" });
    await field.fill(name);
    await field.press("Enter");
    await expect(this.title).toHaveText(name);
  }

  /** What the canvas shows, comparable across tabs: node ids with positions, edge endpoints. */
  async snapshot() {
    const nodes = await this.positions();
    const edges = await this.edges.evaluateAll((els) =>
      els.map((el) => el.getAttribute("data-id") ?? "").sort(),
    );
    return { nodes, edges };
  }
}

/** A second browser context (its own cookies and sockets), signed in as `user`. */
export async function openContext(
  browser: Browser,
  signIn: (page: Page, user: E2EUser) => Promise<void>,
  user: E2EUser,
  options: BrowserContextOptions = {},
) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, user);
  return { context, page, editor: new LiveEditorPage(page) };
}

export function workflowIdOf(page: Page): string {
  const id = new URL(page.url()).pathname.split("/").pop();
  if (!id) throw new Error(`not a workflow URL: ${page.url()}`);
  return id;
}
