import { expect, signedInTest as test } from "./fixtures";
import { type EditorPage, newWorkflow } from "./pages/editor";
import { LiveEditorPage } from "./pages/live";

// The editor at the size people use it: 1440×900.
test.use({ viewport: { width: 1440, height: 900 } });

const pageWidth = (page: import("@playwright/test").Page) =>
  page.evaluate(() => document.documentElement.scrollWidth);

/** Whether two boxes overlap. */
function overlap(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function box(locator: import("@playwright/test").Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error("not visible");
  return found;
}

const zoomOf = async (editor: EditorPage) =>
  Number(/scale\(([\d.]+)\)/.exec(await editor.viewportTransform())?.[1]);

test.describe("editor finish", () => {
  test("every side panel fits the window: nothing scrolls sideways, the palette stays in view", async ({
    page,
  }) => {
    const editor = await newWorkflow(page);
    await editor.addFromPalette("Manual trigger");
    for (const panel of ["Runs", "Versions", "Trymate"]) {
      await page.getByRole("button", { name: panel, exact: true }).click();
      // Panels load when first opened: measure the panel itself, not its loading stand-in.
      await expect(page.getByRole("complementary", { name: panel })).toBeVisible();
      await expect(page.getByRole("complementary", { name: panel })).not.toHaveAttribute("aria-busy", "true");
      await expect.poll(() => pageWidth(page)).toBeLessThanOrEqual(1440);
      const aside = await box(page.getByRole("complementary", { name: panel }));
      expect(aside.x + aside.width).toBeLessThanOrEqual(1440);
    }

    // A run whose step holds a long value: expanding it scrolls inside the panel, not the page.
    const long = "x".repeat(600);
    await page.getByTestId("run-button").click();
    const dialog = page.getByRole("dialog", { name: "Run the workflow" });
    await dialog.getByLabel("Input (JSON)").fill(JSON.stringify({ long }));
    await dialog.getByRole("button", { name: "Start run" }).click();
    await expect(dialog).toHaveCount(0);
    await page.getByRole("button", { name: "Runs", exact: true }).click();
    const step = page.getByTestId("run-steps").locator("details").first();
    await step.locator(":scope > summary").click();
    await expect(step.getByText(long, { exact: false }).first()).toBeVisible();
    await expect.poll(() => pageWidth(page)).toBeLessThanOrEqual(1440);
    await expect(page.getByRole("complementary", { name: "Node palette" })).toBeInViewport();
  });

  test("clicking a node while Runs or Versions is open opens the inspector", async ({ page }) => {
    const editor = await newWorkflow(page);
    const trigger = await editor.addFromPalette("Manual trigger");
    for (const panel of ["Runs", "Versions"]) {
      await page.getByRole("button", { name: panel, exact: true }).click();
      await expect(page.getByRole("complementary", { name: panel })).toBeVisible();
      await editor.select(trigger);
      await expect(page.getByRole("complementary", { name: "Inspector" })).toBeVisible();
      await expect(page.getByRole("complementary", { name: panel })).toHaveCount(0);
    }
  });

  test("a palette node goes after the selected node, connected; dragging one drops it where it lands", async ({
    page,
  }) => {
    const editor = await newWorkflow(page);
    const trigger = await editor.addFromPalette("Manual trigger");
    await editor.select(trigger);
    const tool = await editor.addFromPalette("MCP tool", { after: true });
    await expect(editor.edges).toHaveCount(1);
    const [a, b] = [await box(editor.node(trigger)), await box(editor.node(tool))];
    expect(overlap(a, b)).toBe(false);
    expect(b.x).toBeGreaterThan(a.x + a.width);

    // Nothing selected: a new node still lands clear of the others.
    const note = await editor.addFromPalette("Note");
    const placed = await box(editor.node(note));
    expect(overlap(placed, await box(editor.node(trigger)))).toBe(false);
    expect(overlap(placed, await box(editor.node(tool)))).toBe(false);

    const canvas = await box(editor.canvas);
    const before = new Set(await editor.nodeIds());
    await page
      .getByRole("button", { name: "Add Note" })
      .dragTo(editor.canvas, { targetPosition: { x: 120, y: canvas.height - 160 } });
    await expect(editor.nodes).toHaveCount(before.size + 1);
    const dropped = (await editor.nodeIds()).find((id) => !before.has(id)) as string;
    const at = await box(editor.node(dropped));
    expect(Math.abs(at.x - (canvas.x + 120))).toBeLessThan(40);
    expect(Math.abs(at.y - (canvas.y + canvas.height - 160))).toBeLessThan(40);
  });

  test("auto-layout does not zoom past 100%, the canvas refits when the window shrinks", async ({ page }) => {
    const editor = await newWorkflow(page);
    await editor.addFromPalette("Note");
    await editor.addFromPalette("Note");
    await page.getByRole("button", { name: "Auto-layout" }).click();
    await expect.poll(() => editor.viewportTransform()).not.toBe("translate(0px, 0px) scale(1)");
    expect(await zoomOf(editor)).toBeLessThanOrEqual(1);

    // Pan the nodes towards the right edge, then narrow the window: they stay in view.
    await editor.pan(-1, 0, 200);
    await editor.pan(420, 0, 200);
    await page.setViewportSize({ width: 900, height: 700 });
    const canvas = editor.canvas;
    for (const id of await editor.nodeIds()) await expect(editor.node(id)).toBeInViewport();
    await expect(canvas).toBeInViewport();
  });

  test("the toolbar keeps its height when a collaborator's avatar appears", async ({ page }) => {
    await newWorkflow(page);
    const live = new LiveEditorPage(page);
    await live.live();
    const toolbar = page.locator("header", { has: page.getByRole("link", { name: "← Workflows" }) });
    const before = (await box(toolbar)).height;
    const other = await page.context().newPage();
    const second = new LiveEditorPage(other);
    await second.open(page.url().split("/workflows/")[1] as string);
    await expect(live.presence).toHaveCount(1);
    expect((await box(toolbar)).height).toBe(before);
    await other.close();
  });

  test("a refused run says why inside the dialog and marks the nodes it names", async ({ page }) => {
    const editor = await newWorkflow(page);
    const trigger = await editor.addFromPalette("Manual trigger");
    await editor.select(trigger);
    const tool = await editor.addFromPalette("MCP tool", { after: true });
    await expect(editor.edges).toHaveCount(1);
    await editor.expectSaved();
    await page.getByTestId("run-button").click();
    const dialog = page.getByRole("dialog", { name: "Run the workflow" });
    await dialog.getByRole("button", { name: "Start run" }).click();
    await expect(dialog.getByRole("alert")).toContainText("cannot run");
    await expect(editor.node(tool)).toHaveClass(/run-refused/);
    await expect(editor.node(trigger)).not.toHaveClass(/run-refused/);
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(editor.node(tool)).not.toHaveClass(/run-refused/);
  });

  test("opening the editor and a refused run leave the console quiet: expected refusals are not errors", async ({
    page,
  }) => {
    const logged: string[] = [];
    page.on("console", (message) => {
      // Chromium's own line for any 4xx/5xx response is not the app's doing.
      if (message.text().startsWith("Failed to load resource")) return;
      if (message.type() === "error" || message.type() === "warning") logged.push(message.text());
    });
    page.on("pageerror", (error) => logged.push(error.message));
    const editor = await newWorkflow(page);
    const trigger = await editor.addFromPalette("Manual trigger");
    await editor.select(trigger);
    await editor.addFromPalette("MCP tool", { after: true });
    await editor.expectSaved();
    await page.getByTestId("run-button").click();
    const dialog = page.getByRole("dialog", { name: "Run the workflow" });
    await dialog.getByRole("button", { name: "Start run" }).click();
    await expect(dialog.getByRole("alert")).toContainText("cannot run");
    await page.reload();
    await editor.ready();
    expect(logged).toEqual([]);
  });

  test("the runs panel names each run's trigger, status and who started it", async ({ page, workerUser }) => {
    const editor = await newWorkflow(page);
    await editor.addFromPalette("Manual trigger");
    await editor.expectSaved();
    await page.getByTestId("run-button").click();
    await page.getByRole("button", { name: "Start run" }).click();
    await page.getByRole("button", { name: "Runs", exact: true }).click();
    const run = page.getByRole("complementary", { name: "Runs" }).getByRole("listitem").first();
    await expect(run).toContainText("succeeded");
    // The trigger by its label ("Start" is a new trigger's).
    await expect(run.getByText("Start", { exact: true })).toBeVisible();
    await expect(run).toContainText(workerUser.displayName);
  });

  test("importing a file takes its name; Save version says why it is disabled", async ({ page }) => {
    const editor = await newWorkflow(page);
    const file = {
      format: "tryliate.graph",
      version: 1,
      name: "Imported flow",
      nodes: [{ id: "note-1", type: "note", position: { x: 40, y: 40 }, data: { text: "hi" } }],
      edges: [],
    };
    await page.getByTestId("import-file").setInputFiles({
      name: "imported.tryliate.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await expect(editor.nodes).toHaveCount(1);
    await expect(page.getByTestId("workflow-title")).toHaveText("Imported flow");
    await editor.expectSaved();
    await page.reload();
    await expect(page.getByTestId("workflow-title")).toHaveText("Imported flow");

    await page.getByRole("button", { name: "Versions", exact: true }).click();
    const save = page.getByRole("button", { name: "Save version" });
    await expect(save).toBeDisabled();
    await expect(save).toHaveAccessibleDescription(/name/i);
    await page.getByLabel("Version name").fill("First");
    await expect(save).toBeEnabled();
  });
});
