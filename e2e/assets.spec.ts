import { expect, test } from "./fixtures";

// Static files in public/, served by Next.js as they are, and the page head that points at them.

const ASSETS = [
  { path: "/favicon.ico", type: /^image\/(x-icon|vnd\.microsoft\.icon)$/ },
  { path: "/logo.svg", type: /^image\/svg\+xml/ },
  { path: "/apple-touch-icon.png", type: /^image\/png$/, size: [180, 180] },
  { path: "/og-image.png", type: /^image\/png$/, size: [1200, 630] },
] as const;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(body: Buffer): [number, number] {
  return [body.readUInt32BE(16), body.readUInt32BE(20)];
}

test.describe("static assets", () => {
  for (const asset of ASSETS) {
    test(`${asset.path} is served with its type`, async ({ request }) => {
      const response = await request.get(asset.path);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toMatch(asset.type);
      const body = await response.body();
      expect(body.length).toBeGreaterThan(100);
      if ("size" in asset) expect(pngSize(body)).toEqual(asset.size);
    });
  }

  test("the page head names the icons and the social preview", async ({ page }) => {
    await page.goto("/");
    const head = page.locator("head");
    await expect(head.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
    await expect(head.locator('link[rel="icon"][href^="/logo.svg"]')).toHaveCount(1);
    await expect(head.locator('link[rel="apple-touch-icon"][href^="/apple-touch-icon.png"]')).toHaveCount(1);
    await expect(head.locator('meta[property="og:image"]')).toHaveAttribute("content", /\/og-image\.png$/);
    await expect(head.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  });

  test("the landing page shows the logo from public/", async ({ page }) => {
    await page.goto("/");
    const logo = page.locator('img[src="/logo.svg"]').first();
    await expect(logo).toBeVisible();
    await expect
      .poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);
  });
});
