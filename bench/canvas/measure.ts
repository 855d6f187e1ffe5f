import type { Page } from "@playwright/test";

type DrawnGraph = {
  nodes: { id: string; position: { x: number; y: number } }[];
  edges: { id: string; source: string; target: string }[];
};

/**
 * ms from navigation until everything in view is drawn and the main thread gives a frame: every
 * node whose corner lies in the pane, and every edge between two such nodes. The same test holds
 * for a page that draws the whole graph (bare React Flow) and one that draws only what is in view
 * (the editor, above a few hundred nodes).
 */
export async function timeToInteractive(page: Page, url: string, graph: DrawnGraph): Promise<number> {
  const wanted = {
    nodes: graph.nodes.map((n) => [n.id, n.position.x, n.position.y] as const),
    edges: graph.edges.map((e) => [e.id, e.source, e.target] as const),
  };
  const start = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(
    ({ nodes, edges }) => {
      const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
      const viewport = document.querySelector(".react-flow__viewport");
      if (!pane || !viewport) return false;
      const drawnNodes = new Set<string | null>();
      for (const el of document.querySelectorAll(".react-flow__node"))
        drawnNodes.add(el.getAttribute("data-id"));
      if (drawnNodes.size === 0) return false;
      const drawnEdges = new Set<string | null>();
      for (const el of document.querySelectorAll(".react-flow__edge"))
        drawnEdges.add(el.getAttribute("data-id"));
      const { a: zoom, e: tx, f: ty } = new DOMMatrix(getComputedStyle(viewport).transform);
      const inView = new Set<string>();
      for (const [id, x, y] of nodes) {
        const left = pane.left + tx + x * zoom;
        const top = pane.top + ty + y * zoom;
        if (left >= pane.left && left < pane.right && top >= pane.top && top < pane.bottom) {
          if (!drawnNodes.has(id)) return false;
          inView.add(id);
        }
      }
      for (const [id, source, target] of edges) {
        if (inView.has(source) && inView.has(target) && !drawnEdges.has(id)) return false;
      }
      return inView.size > 0;
    },
    wanted,
    { polling: "raf", timeout: 60_000 },
  );
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
  return Date.now() - start;
}

/** A point on the empty pane (not on a node) near the pane's bottom-right corner. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow__pane")?.getBoundingClientRect();
    if (!pane) return null;
    for (let y = pane.bottom - 40; y > pane.bottom - 400; y -= 10) {
      for (let x = pane.right - 40; x > pane.right - 600; x -= 10) {
        const el = document.elementFromPoint(x, y);
        if (el?.classList.contains("react-flow__pane")) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error("no empty spot on the pane to drag from");
  return point;
}

/**
 * Frame times (rAF deltas, ms) while the pane is dragged 720 px left and 360 px up over ~1 s, so
 * the graph's further nodes scroll into view.
 */
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
    await page.mouse.move(from.x - step * 12, from.y - step * 6);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames.slice(2);
  });
}
