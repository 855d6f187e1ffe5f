import { expect, localStackOnly, test } from "./fixtures";

// The layout of the signed-out pages, light and dark, compared with the screenshots kept beside
// this spec (`--update-snapshots` writes new ones when a change is meant). Motion is off, so the
// landing page's replayed run stands still, finished.
test.use({ viewport: { width: 1440, height: 900 } });

const PAGES = [
  { path: "/", name: "landing", ready: ".react-flow__node" },
  { path: "/login", name: "login" },
  { path: "/signup", name: "signup" },
  { path: "/forgot-password", name: "forgot-password" },
];

for (const scheme of ["light", "dark"] as const) {
  test.describe(`screens, ${scheme}`, () => {
    localStackOnly("the kept screenshots show the local stack's sign-in options and demo login");
    for (const { path, name, ready } of PAGES) {
      test(name, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
        await page.goto(path);
        await expect(page.getByRole("main")).toBeVisible();
        if (ready) await expect(page.locator(ready).first()).toBeVisible();
        await page.evaluate(() => document.fonts.ready);
        await expect(page).toHaveScreenshot(`${name}-${scheme}.png`, {
          fullPage: true,
          animations: "disabled",
          maxDiffPixelRatio: 0.01,
        });
      });
    }
  });
}
