import { expect, signedInTest as test } from "./fixtures";
import { EditorPage } from "./pages/editor";

// The canvas follows the system theme: a note is a light sticky note in the light theme and a dark
// one in the dark theme, like the boxes beside it.

/** Relative luminance (0 black … 1 white) of a computed `rgb(...)` colour. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

for (const scheme of ["light", "dark"] as const) {
  test(`nodes follow the ${scheme} theme`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/workflows");
    await page.getByRole("button", { name: "New workflow" }).first().click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
    const editor = new EditorPage(page);
    await editor.ready();
    const note = await editor.addFromPalette("Note");
    const tool = await editor.addFromPalette("MCP tool");
    await editor.drag(tool, 260, 0);
    await editor.node(note).getByLabel("Note text").fill("A note in the theme");
    await editor.expectSaved();

    const background = (id: string, selector: string) =>
      editor
        .node(id)
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    const noteBackground = luminance(await background(note, "div"));
    const noteText = luminance(
      await editor
        .node(note)
        .getByLabel("Note text")
        .evaluate((el) => getComputedStyle(el).color),
    );
    const boxBackground = luminance(await background(tool, "div"));
    if (scheme === "light") {
      expect(noteBackground).toBeGreaterThan(0.8);
      expect(boxBackground).toBeGreaterThan(0.8);
      expect(noteText).toBeLessThan(0.4);
    } else {
      expect(noteBackground).toBeLessThan(0.3);
      expect(boxBackground).toBeLessThan(0.3);
      expect(noteText).toBeGreaterThan(0.7);
    }
    await page.screenshot({ path: testInfo.outputPath(`editor-${scheme}.png`) });
  });
}
