/**
 * npm run bench:canvas — headless Chromium: time from navigation to an interactive
 * 1,000-node / 1,500-edge editor (everything in view drawn, then a free frame), and frame times
 * while panning across it, beside bare React Flow rendering the same graph on a plain page.
 *
 * Uses the e2e stack (E2E_PORT, E2E_DB_PORT, E2E_SUPABASE_PORT, E2E_DATA_DIR): start it first
 * (`npx playwright test` does, or `PORT=… npm run dev -- --prod`).
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { e2eStack } from "../../e2e/fixtures/stack";
import { createUser, sessionCookies } from "../../e2e/fixtures/users";
import { benchGraph } from "../graph/fixture";
import { machineLoad } from "../graph/machine";
import { summarize } from "../graph/stats";
import { startBarePage } from "./bare-server";
import { panFrameTimes, timeToInteractive } from "./measure";
import { seedWorkflow } from "./seed";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

async function main() {
  const reachable = await fetch(`${e2eStack.appUrl}/login`).then(
    (r) => r.ok,
    () => false,
  );
  if (!reachable)
    throw new Error(`No app at ${e2eStack.appUrl}; start the e2e stack first (see the header of this file).`);

  const graph = benchGraph(1_000);
  const user = await createUser("bench-canvas");
  const workflowId = await seedWorkflow(e2eStack.databaseUrl, user.id, graph);
  const bare = await startBarePage(graph);
  const browser = await chromium.launch({
    executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: CHROMIUM_FLAGS,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const host = new URL(e2eStack.appUrl).hostname;
    await context.addCookies(
      (await sessionCookies(user)).map(({ name, value }) => ({
        name,
        value,
        domain: host,
        path: "/",
        sameSite: "Lax" as const,
      })),
    );
    const page = await context.newPage();
    const editorUrl = `${e2eStack.appUrl}/workflows/${workflowId}`;
    // One warm-up each: the first request compiles nothing in production but fills caches.
    await timeToInteractive(page, editorUrl, graph);
    await timeToInteractive(page, bare.url, graph);

    const open = { app: [] as number[], bare: [] as number[] };
    const frames = { app: [] as number[], bare: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      open.app.push(await timeToInteractive(page, editorUrl, graph));
      frames.app.push(...(await panFrameTimes(page)));
      open.bare.push(await timeToInteractive(page, bare.url, graph));
      frames.bare.push(...(await panFrameTimes(page)));
    }
    const o = { app: summarize(open.app), bare: summarize(open.bare) };
    const f = { app: summarize(frames.app), bare: summarize(frames.bare) };
    const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(11);
    console.log(`graph: 1000 nodes, 1500 edges; ${RUNS} runs; ${machineLoad()} at the end\n`);
    console.log(`${"".padEnd(24)}${"median".padStart(11)}${"p95".padStart(11)}`);
    console.log(`${"open, editor".padEnd(24)}${ms(o.app.median)}${ms(o.app.p95)}`);
    console.log(`${"open, bare React Flow".padEnd(24)}${ms(o.bare.median)}${ms(o.bare.p95)}`);
    console.log(
      `${"pan frame, editor".padEnd(24)}${ms(f.app.median)}${ms(f.app.p95)}   (${f.app.runs} frames)`,
    );
    console.log(
      `${"pan frame, bare".padEnd(24)}${ms(f.bare.median)}${ms(f.bare.p95)}   (${f.bare.runs} frames)`,
    );
    const ratio = f.app.median / f.bare.median;
    const ratio95 = f.app.p95 / f.bare.p95;
    console.log(`\nframe time ratio editor/bare: median ${ratio.toFixed(2)}×, p95 ${ratio95.toFixed(2)}×`);
    const checks = [
      ["open ≤ 1.5 s (median)", o.app.median <= 1_500],
      ["frame time ≤ 1.3× bare React Flow (median)", ratio <= 1.3],
      ["frame time ≤ 1.3× bare React Flow (p95)", ratio95 <= 1.3],
    ] as const;
    for (const [label, ok] of checks) console.log(`${ok ? "PASS" : "FAIL"}  ${label}`);
    process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    await browser.close();
    await bare.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
