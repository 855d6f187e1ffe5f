import type { Page } from "@playwright/test";

/** ms from navigation until every node and edge is drawn and the main thread gives a frame. */
export async function timeToInteractive(page: Page, url: string, nodes: number, edges: number): Promise<number> {
  const start = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(
    ([n, e]) =>
      document.querySelectorAll(".react-flow__node").length === n &&
      document.querySelectorAll(".react-flow__edge").length === e,
    [nodes, edges] as const,
    { polling: "raf", timeout: 60_000 },
  );
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
  return Date.now() - start;
}

/** A point on the empty pane (not on a node) near the pane's top-left corner. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow__pane")?.getBoundingClientRect();
    if (!pane) return null;
    for (let y = pane.top + 20; y < pane.top + 400; y += 10) {
      for (let x = pane.left + 20; x < pane.left + 600; x += 10) {
        const el = document.elementFromPoint(x, y);
        if (el?.classList.contains("react-flow__pane")) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error("no empty spot on the pane to drag from");
  return point;
}

/** Frame times (rAF deltas, ms) while the pane is dragged 720 px over ~1 s. */
export async function panFrameTimes(page: Page): Promise<number[]> {
  const from = await emptyPanePoint(page);
  // A string, not a function: tsx would wrap named closures in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let last = performance.now();
    const loop = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__recording) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  })()`);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= 60; step++) {
    await page.mouse.move(from.x + step * 12, from.y + step * 6);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames.slice(2);
  });
}
