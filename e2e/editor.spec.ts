import { readFile } from "node:fs/promises";
import pg from "pg";
import { expect, localStackOnly, signedInTest as test } from "./fixtures";
import { e2eStack } from "./fixtures/stack";
import { newWorkflow } from "./pages/editor";

test.describe("workflow editor", () => {
  test("add three nodes, connect, move, pan: a reload shows the same graph and viewport", async ({
    page,
  }) => {
    const editor = await newWorkflow(page);
    const trigger = await editor.addFromPalette("Manual trigger");
    const first = await editor.addFromPalette("MCP tool");
    const second = await editor.addFromPalette("MCP tool");
    // New nodes land around the middle of the view, clear of each other (below, then right).
    await editor.drag(first, 0, 40);
    await editor.drag(second, 0, 40);
    await editor.connect(trigger, first);
    await editor.connect(first, second);
    await expect(editor.edges).toHaveCount(2);
    // A connection into a trigger (it has no input) is refused.
    await expect(editor.node(trigger).locator('.react-flow__handle[data-handleid="in"]')).toHaveCount(0);
    await editor.drag(trigger, -40, -30);
    // The pan is saved by a graph.save carrying the viewport; "Saved" may still show the save before.
    const viewportSaved = page.waitForResponse(
      (response) =>
        response.url().includes("/api/trpc/graph.save") &&
        (response.request().postData() ?? "").includes('"viewport"'),
    );
    await editor.pan(-80, 50);
    await viewportSaved;
    await editor.expectSaved();
    const positions = await editor.positions();
    const viewport = await editor.viewportTransform();

    await page.reload();
    await editor.ready();
    await expect(editor.nodes).toHaveCount(3);
    await expect(editor.edges).toHaveCount(2);
    await expect.poll(() => editor.positions()).toEqual(positions);
    expect(await editor.viewportTransform()).toBe(viewport);
  });

  test("undo and redo, copy and paste, delete, auto-layout", async ({ page }) => {
    const editor = await newWorkflow(page);
    const a = await editor.addFromPalette("Manual trigger");
    const b = await editor.addFromPalette("MCP tool");
    await editor.connect(a, b);
    await expect(editor.edges).toHaveCount(1);

    await editor.shortcut("z");
    await expect(editor.edges).toHaveCount(0);
    await editor.shortcut("Shift+z");
    await expect(editor.edges).toHaveCount(1);

    await editor.select(b);
    await editor.shortcut("c");
    await editor.shortcut("v");
    await expect(editor.nodes).toHaveCount(3);

    await page.keyboard.press("Delete");
    await expect(editor.nodes).toHaveCount(2);
    await editor.shortcut("z");
    await expect(editor.nodes).toHaveCount(3);
    await editor.shortcut("Shift+z");
    await expect(editor.nodes).toHaveCount(2);

    const before = await editor.positions();
    await page.getByRole("button", { name: "Auto-layout" }).click();
    await expect.poll(() => editor.positions()).not.toEqual(before);
    await editor.expectSaved();
    const laidOut = await editor.positions();
    await page.reload();
    await editor.ready();
    // The nodes are drawn a moment after the canvas itself.
    await expect.poll(() => editor.positions()).toEqual(laidOut);
  });

  test("copy in one workflow, paste in another", async ({ page }) => {
    const editor = await newWorkflow(page);
    const note = await editor.addFromPalette("Note");
    await editor.node(note).getByLabel("Note text").fill("carry me over");
    await editor.select(note);
    await editor.shortcut("c");
    await editor.expectSaved();

    const other = await newWorkflow(page);
    await other.canvas.click({ position: { x: 200, y: 200 } });
    await other.shortcut("v");
    await expect(other.nodes).toHaveCount(1);
    await expect(other.nodes.first().getByLabel("Note text")).toHaveValue("carry me over");
  });

  test("export then import the graph", async ({ page }) => {
    const editor = await newWorkflow(page);
    const a = await editor.addFromPalette("Manual trigger");
    const b = await editor.addFromPalette("MCP tool");
    await editor.connect(a, b);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export" }).click();
    const file = await (await download).path();
    const exported = JSON.parse(await readFile(file, "utf8"));
    expect(exported).toMatchObject({ format: "tryliate.graph", version: 1 });
    expect(exported.nodes).toHaveLength(2);

    await editor.select(a);
    await page.keyboard.press("Delete");
    await editor.select(b);
    await page.keyboard.press("Delete");
    await expect(editor.nodes).toHaveCount(0);

    await page.getByTestId("import-file").setInputFiles(file);
    await expect(editor.nodes).toHaveCount(2);
    await expect(editor.edges).toHaveCount(1);
    await editor.expectSaved();

    await page.getByTestId("import-file").setInputFiles({
      name: "bad.json",
      mimeType: "application/json",
      buffer: Buffer.from(
        JSON.stringify({ ...exported, edges: [{ ...exported.edges[0], target: "ghost" }] }),
      ),
    });
    await expect(page.getByText('target node "ghost" does not exist')).toBeVisible();
    await expect(editor.nodes).toHaveCount(2);
  });

  test("save a version, change the graph, restore it, undo the restore", async ({ page }) => {
    const editor = await newWorkflow(page);
    await editor.addFromPalette("Manual trigger");
    await page.getByRole("button", { name: "Versions" }).click();
    await page.getByLabel("Version name").fill("Just the trigger");
    await page.getByRole("button", { name: "Save version" }).click();
    await expect(page.getByText("v1 · Just the trigger")).toBeVisible();

    await editor.addFromPalette("Note");
    await editor.addFromPalette("MCP tool");
    await expect(editor.nodes).toHaveCount(3);
    await page.getByRole("button", { name: "Restore Just the trigger" }).click();
    await expect(editor.nodes).toHaveCount(1);
    await editor.expectSaved();
    await page.reload();
    await editor.ready();
    await expect(editor.nodes).toHaveCount(1);

    await page.getByRole("button", { name: "Versions" }).click();
    await editor.addFromPalette("Note");
    await page.getByRole("button", { name: "Restore Just the trigger" }).click();
    await expect(editor.nodes).toHaveCount(1);
    await editor.shortcut("z");
    await expect(editor.nodes).toHaveCount(2);
  });

  test("a large workflow draws the nodes in view; panning and fit view draw the rest", async ({ page }) => {
    const editor = await newWorkflow(page);
    const count = 400;
    const nodes = Array.from({ length: count }, (_, i) => ({
      id: `n${i}`,
      type: "protocol",
      position: { x: (i % 20) * 260, y: Math.floor(i / 20) * 180 },
      data: { label: `Step ${i}`, serverId: null, tool: null, args: "{}" },
    }));
    const edges = nodes.slice(1).map((n, i) => ({
      id: `e${i}`,
      source: `n${i}`,
      target: n.id,
      sourceHandle: "out",
      targetHandle: "in",
    }));
    const file = { format: "tryliate.graph", version: 1, nodes, edges, viewport: { x: 0, y: 0, zoom: 1 } };
    await page.getByTestId("import-file").setInputFiles({
      name: "large.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await expect(editor.node("n0")).toBeVisible();
    const drawn = new Set(await editor.nodeIds());
    expect(drawn.size).toBeLessThan(count);
    expect(drawn.has(`n${count - 1}`)).toBe(false);
    await editor.expectSaved();

    // From the empty band between the first two rows of nodes.
    await editor.pan(-600, -100, 125);
    await expect.poll(async () => (await editor.nodeIds()).some((id) => !drawn.has(id))).toBe(true);

    await page.locator(".react-flow__controls-fitview").click();
    await expect(editor.nodes).toHaveCount(count);
    await expect(editor.edges).toHaveCount(count - 1);
  });

  test("offline: the status says so, retries, and nothing is lost", async ({ page, context }) => {
    const editor = await newWorkflow(page);
    await editor.addFromPalette("Manual trigger");
    await editor.expectSaved();
    await context.setOffline(true);
    await editor.addFromPalette("MCP tool");
    await expect(editor.status).toHaveAttribute("data-state", "offline", { timeout: 15_000 });
    await expect(editor.status).toContainText("Offline, retrying");
    await editor.addFromPalette("Note");
    await context.setOffline(false);
    await editor.expectSaved();
    await page.reload();
    await editor.ready();
    await expect(editor.nodes).toHaveCount(3);
  });
});

test.describe("workflow editor, keyboard and leaving", () => {
  test("Ctrl/Cmd+K finds a node type and adds it", async ({ page }) => {
    const editor = await newWorkflow(page);
    await editor.shortcut("k");
    const search = page.getByLabel("Search nodes and tools");
    await expect(search).toBeFocused();
    await search.fill("sticky");
    await page.keyboard.press("Enter");
    await expect(editor.nodes).toHaveCount(1);
    await expect(editor.nodes.first().getByLabel("Note text")).toBeVisible();
    await expect(search).toHaveCount(0);
  });

  test("the inspector edits the selected node; invalid JSON is explained", async ({ page }) => {
    const editor = await newWorkflow(page);
    const trigger = await editor.addFromPalette("Manual trigger");
    await editor.select(trigger);
    const inspector = page.getByRole("complementary", { name: "Inspector" });
    await inspector.getByLabel("Label").fill("Every morning");
    await expect(editor.node(trigger)).toContainText("Every morning");
    await inspector.getByLabel("Input (JSON)").fill("{ nope");
    await expect(inspector.getByText(/not valid JSON/)).toBeVisible();
    await inspector.getByLabel("Input (JSON)").fill('{"city":"Lyon"}');
    await expect(inspector.getByText(/not valid JSON/)).toHaveCount(0);
    await editor.expectSaved();
    await page.reload();
    await editor.ready();
    await expect(editor.node(trigger)).toContainText("Every morning");
  });

  test("leaving with unsaved changes asks first", async ({ page, context }) => {
    const editor = await newWorkflow(page);
    await editor.addFromPalette("Manual trigger");
    await editor.expectSaved();
    await context.setOffline(true);
    await editor.addFromPalette("Note");
    await expect(editor.status).toHaveAttribute("data-state", "offline", { timeout: 15_000 });
    // An in-app link asks too; staying keeps the editor and its changes.
    let asked = "";
    page.once("dialog", (shown) => {
      asked = shown.type();
      void shown.dismiss();
    });
    await page.getByRole("link", { name: "← Workflows" }).click();
    await expect.poll(() => asked).toBe("confirm");
    await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}$/);
    await expect(editor.nodes).toHaveCount(2);

    const dialog = page.waitForEvent("dialog");
    await page.close({ runBeforeUnload: true });
    const shown = await dialog;
    expect(shown.type()).toBe("beforeunload");
    await shown.dismiss();
    await context.setOffline(false);
  });
});

test("a tool node picks a server and tool from the registry and checks its arguments", async ({ page }) => {
  localStackOnly("it writes a server into the shared MCP registry straight through the database");
  const serverId = `weather-${Date.now()}`;
  const client = new pg.Client({ connectionString: e2eStack.databaseUrl });
  await client.connect();
  try {
    await client.query("insert into public.mcp_registry (id, name, url, data) values ($1, $2, $3, $4)", [
      serverId,
      `Weather ${serverId}`,
      "http://127.0.0.1:9/mcp",
      {
        tools: [
          {
            name: "forecast",
            description: "Daily forecast for a city",
            inputSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
          },
        ],
      },
    ]);
  } finally {
    await client.end();
  }
  const editor = await newWorkflow(page);
  const tool = await editor.addFromPalette("MCP tool");
  await editor.select(tool);
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  await inspector.getByLabel("MCP server").selectOption(serverId);
  await inspector.getByLabel("Tool").selectOption("forecast");
  // The form generated from the schema shows the problem at the field, and the raw JSON mode too.
  await expect(inspector.getByRole("alert").filter({ hasText: "Required." })).toBeVisible();
  await inspector.getByRole("button", { name: "JSON" }).click();
  await inspector.getByLabel("Arguments (JSON)").fill('{"city": 3}');
  await expect(inspector.getByText("city: Must be text.")).toBeVisible();
  await inspector.getByLabel("Arguments (JSON)").fill('{"city": "Lyon"}');
  await expect(inspector.getByText(/Required\.|Must be/)).toHaveCount(0);
  await inspector.getByRole("button", { name: "Form" }).click();
  await expect(inspector.getByLabel("city *", { exact: true })).toHaveValue("Lyon");
  await expect(editor.node(tool)).toContainText(`${serverId} · forecast`);
});
