import { expect, type Locator, type Page } from "@playwright/test";

const MOD = process.platform === "darwin" ? "Meta" : "Control";

/** The workflow editor: palette, canvas, toolbar, save status. */
export class EditorPage {
  constructor(readonly page: Page) {}

  get canvas(): Locator {
    return this.page.getByTestId("canvas");
  }
  get nodes(): Locator {
    return this.canvas.locator(".react-flow__node");
  }
  get edges(): Locator {
    return this.canvas.locator(".react-flow__edge");
  }
  get status(): Locator {
    return this.page.getByTestId("save-status");
  }
  node(id: string): Locator {
    return this.canvas.locator(`.react-flow__node[data-id="${id}"]`);
  }

  async ready() {
    await expect(this.canvas.locator(".react-flow__viewport")).toBeVisible();
  }

  /** Clears the selection with a click on an empty corner of the canvas. */
  async deselectAll() {
    await this.canvas.locator(".react-flow__pane").click({ position: { x: 8, y: 8 } });
  }

  /**
   * Adds a node from the palette and returns its id. By default nothing is selected first, so the
   * node stands alone; `after: true` keeps the selection, so the node follows the selected node.
   */
  async addFromPalette(
    label: "Manual trigger" | "Schedule trigger" | "MCP tool" | "Note",
    { after = false }: { after?: boolean } = {},
  ): Promise<string> {
    const before = new Set(await this.nodeIds());
    if (!after && before.size > 0) await this.deselectAll();
    await this.page.getByRole("button", { name: `Add ${label}` }).click();
    await expect(this.nodes).toHaveCount(before.size + 1);
    const id = (await this.nodeIds()).find((n) => !before.has(n));
    if (!id) throw new Error("no new node appeared");
    return id;
  }

  async nodeIds(): Promise<string[]> {
    return this.nodes.evaluateAll((els) => els.map((el) => el.getAttribute("data-id") ?? ""));
  }

  async connect(sourceId: string, targetId: string, sourceHandle = "out", targetHandle = "in") {
    const from = await this.node(sourceId)
      .locator(`.react-flow__handle[data-handleid="${sourceHandle}"]`)
      .boundingBox();
    const to = await this.node(targetId)
      .locator(`.react-flow__handle[data-handleid="${targetHandle}"]`)
      .boundingBox();
    if (!from || !to) throw new Error("handle not visible");
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await this.page.mouse.up();
  }

  async drag(id: string, dx: number, dy: number) {
    const box = await this.node(id).boundingBox();
    if (!box) throw new Error(`node ${id} not visible`);
    const x = box.x + box.width / 2;
    const y = box.y + 12;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y + dy, { steps: 10 });
    await this.page.mouse.up();
  }

  /** Pans the canvas by dragging the pane from a point near its right edge, `fromTop` px down. */
  async pan(dx: number, dy: number, fromTop = 40) {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error("canvas not visible");
    const x = box.x + box.width - 60;
    const y = box.y + fromTop;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y + dy, { steps: 8 });
    await this.page.mouse.up();
  }

  async positions(): Promise<Record<string, string>> {
    const entries = await this.nodes.evaluateAll((els) =>
      els.map((el) => [el.getAttribute("data-id") ?? "", (el as HTMLElement).style.transform]),
    );
    return Object.fromEntries(entries);
  }

  async viewportTransform(): Promise<string> {
    return this.canvas.locator(".react-flow__viewport").evaluate((el) => (el as HTMLElement).style.transform);
  }

  async shortcut(key: string) {
    await this.page.keyboard.press(`${MOD}+${key}`);
  }

  async expectSaved() {
    await expect(this.status).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  }

  async select(id: string) {
    // A corner: clear of text fields inside the node (a note is all textarea).
    await this.node(id).click({ position: { x: 3, y: 3 } });
  }
}

/** Makes a new workflow from the list and opens it in the editor. */
export async function newWorkflow(page: Page): Promise<EditorPage> {
  await page.goto("/workflows");
  await page.getByRole("button", { name: "New workflow" }).first().click();
  await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
  const editor = new EditorPage(page);
  await editor.ready();
  return editor;
}
