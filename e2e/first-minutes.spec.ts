import { DEMO_USER } from "../lib/env/defaults";
import { expect, localStackOnly, test } from "./fixtures";
import { AssistantPanel } from "./pages/assistant";
import { newWorkflow } from "./pages/editor";

// What a new person meets in their first minutes: the sign-in page, the theme, help, Trymate.
test.use({ viewport: { width: 1440, height: 900 } });

const background = (page: import("@playwright/test").Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test("the local sign-in page shows the demo login, and it signs in", async ({ page }) => {
  localStackOnly("the demo account exists only on the local stack");
  await page.goto("/login");
  const demo = page.getByTestId("demo-login");
  await expect(demo).toContainText(DEMO_USER.email);
  await expect(demo).toContainText(DEMO_USER.password);
  await page.getByLabel("Email").fill(DEMO_USER.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_USER.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/workflows$/);
});

test("the theme switch pins light or dark over the system's, on every page until set back", async ({
  loggedInPage: page,
}) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/workflows");
  const light = await background(page);
  const theme = page.getByRole("group", { name: "Theme" });
  await theme.getByRole("button", { name: "Dark" }).click();
  await expect.poll(() => background(page)).not.toBe(light);
  const dark = await background(page);
  // Kept in a cookie: the next page opens dark at once, whatever the system says.
  await page.goto("/connections");
  expect(await background(page)).toBe(dark);
  await expect(
    page.getByRole("group", { name: "Theme" }).getByRole("button", { name: "Dark" }),
  ).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("group", { name: "Theme" }).getByRole("button", { name: "Auto" }).click();
  await expect.poll(() => background(page)).toBe(light);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(() => background(page)).toBe(dark);
});

test("the editor lists its shortcuts (? or the Shortcuts button); Trymate greets with examples", async ({
  loggedInPage: page,
}) => {
  await newWorkflow(page);
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Undo");
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);
  await page.getByRole("button", { name: "Shortcuts" }).click();
  await expect(help).toBeVisible();
  await help.getByRole("button", { name: "Close" }).click();
  await expect(help).toHaveCount(0);

  const assistant = new AssistantPanel(page);
  await assistant.open();
  const examples = assistant.panel.getByRole("list", { name: "Example prompts" });
  await expect(examples.getByRole("button")).toHaveCount(3);
  const first = examples.getByRole("button").first();
  const prompt = (await first.textContent()) ?? "";
  await first.click();
  await expect(assistant.panel.getByRole("textbox", { name: "Message Trymate" })).toHaveValue(prompt);
});

test.describe("the landing page", () => {
  test("shows the product: a read-only canvas whose sample run replays step by step", async ({ page }) => {
    await page.goto("/");
    const preview = page.getByTestId("product-preview");
    await expect(preview.locator(".react-flow__node")).toHaveCount(5);
    await expect(preview.locator(".react-flow__edge")).toHaveCount(4);
    // A replaying run has one step running most of the time (a finished one has none); that step
    // then succeeds. Which step it is depends on when the page came in, so the test asks which.
    const running = preview
      .locator(".react-flow__node")
      .filter({ has: page.locator('[data-status="running"]') });
    await expect(running).toHaveCount(1, { timeout: 15_000 });
    const step = await running.getAttribute("data-id");
    await expect(preview.locator(`.react-flow__node[data-id="${step}"] [data-status]`)).toHaveAttribute(
      "data-status",
      "succeeded",
    );
    await expect(preview.locator('.react-flow__node[data-id="queue"] [data-status]')).toHaveAttribute(
      "data-status",
      "skipped",
    );
    // Read-only: a drag moves nothing.
    const node = preview.locator('.react-flow__node[data-id="vip"]');
    const before = await node.boundingBox();
    if (!before) throw new Error("the node is not drawn");
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await page.mouse.down();
    await page.mouse.move(before.x + 120, before.y + 80, { steps: 5 });
    await page.mouse.up();
    expect(await node.boundingBox()).toEqual(before);
  });

  test("with reduced motion the run is shown finished and still", async ({ page }) => {
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto("/");
    const statuses = page.getByTestId("product-preview").locator("[data-status]");
    await expect(statuses).toHaveCount(5);
    const read = () => statuses.evaluateAll((all) => all.map((el) => el.getAttribute("data-status")));
    const first = await read();
    expect(first).toEqual(["succeeded", "succeeded", "succeeded", "succeeded", "skipped"]);
    await page.waitForTimeout(2_000);
    expect(await read()).toEqual(first);
  });
});
