import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { newWorkflow } from "./pages/editor";

// axe on every page, light and dark: no serious or critical violation (contrast, names, roles).
test.use({ viewport: { width: 1440, height: 900 } });

/** The serious and critical violations on the page; a screenshot of it goes to the test's output. */
async function seriousViolations(page: Page, shot: string) {
  await page.screenshot({ path: test.info().outputPath(`${shot}.png`) });
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`axe, ${scheme}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });

    for (const path of ["/", "/login", "/signup"]) {
      test(`${path}`, async ({ page }) => {
        await page.goto(path);
        await expect(page.getByRole("main")).toBeVisible();
        // The landing page's canvas loads after the page: check it drawn.
        if (path === "/") await expect(page.locator(".react-flow__node")).toHaveCount(5);
        expect(await seriousViolations(page, `${path.slice(1) || "landing"}-${scheme}`)).toEqual([]);
      });
    }

    for (const path of ["/workflows", "/registry", "/connections", "/account"]) {
      test(`${path} signed in`, async ({ loggedInPage: page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(path);
        await expect(page.getByRole("main")).toBeVisible();
        await page.waitForLoadState("networkidle");
        expect(await seriousViolations(page, `${path.slice(1)}-${scheme}`)).toEqual([]);
      });
    }

    test("the editor with each panel open", async ({ loggedInPage: page }) => {
      // Five axe passes over a full editor: more than one page's worth of time.
      test.setTimeout(150_000);
      await page.emulateMedia({ colorScheme: scheme });
      const editor = await newWorkflow(page);
      const trigger = await editor.addFromPalette("Manual trigger");
      await editor.select(trigger);
      await expect(page.getByRole("complementary", { name: "Inspector" })).toBeVisible();
      const found: Record<string, string[]> = {
        inspector: await seriousViolations(page, `editor-inspector-${scheme}`),
      };
      for (const panel of ["Runs", "Versions", "Trymate"]) {
        await page.getByRole("button", { name: panel, exact: true }).click();
        await expect(page.getByRole("complementary", { name: panel })).not.toHaveAttribute(
          "aria-busy",
          "true",
        );
        await page.waitForLoadState("networkidle");
        found[panel] = await seriousViolations(page, `editor-${panel.toLowerCase()}-${scheme}`);
      }
      await page.getByRole("button", { name: "Shortcuts" }).click();
      found.shortcuts = await seriousViolations(page, `editor-shortcuts-${scheme}`);
      expect(found).toEqual({ inspector: [], Runs: [], Versions: [], Trymate: [], shortcuts: [] });
    });
  });
}
