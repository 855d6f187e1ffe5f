// npm run bench:mcp — one tool call through the app's MCP layer (guarded fetch, credentials,
// session reused per user and server) beside the bare SDK client, in the same run, against the
// local server-everything; and discovery of that server. Target: app ≤ 1.2× bare (median and p95).
import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { startEverythingServer } from "../../local/mcp/everything";
import { connectToServer } from "../../server/mcp/client/connect";
import { discover } from "../../server/mcp/client/discovery";
import { createGuardedFetch } from "../../server/mcp/client/guarded-fetch";
import { policyFromEnv } from "../../server/mcp/client/outbound-policy";
import { SessionPool } from "../../server/mcp/client/session-pool";
import { callToolAsUser } from "../../server/mcp/client/tool-calls";
import type { CredentialStore } from "../../server/mcp/connections/credentials";
import type { AuthorizationRow } from "../../server/mcp/connections/secrets";
import { seal } from "../../server/platform/crypto/envelope";
import { generateKeyEntry, parseKeyring } from "../../server/platform/crypto/keyring";
import { summarize } from "../graph/stats";

const CALLS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = 20;
const DISCOVERY_RUNS = Number(process.env.BENCH_DISCOVERY_RUNS ?? 20);
const TARGET = 1.2;

const server = await startEverythingServer();
const userId = randomUUID();
const ref = { id: "everything", url: server.mcpUrl };
const fetch = createGuardedFetch({
  ...policyFromEnv({}),
  allowHttp: true,
  allowedHosts: new Set([new URL(server.mcpUrl).host]),
});

// The user's credentials as the app stores them (an encrypted envelope), held in memory here: they
// are read once per session, so where they live does not enter the per-call figures.
const keyring = parseKeyring(generateKeyEntry("bench"));
const row: AuthorizationRow = {
  id: randomUUID(),
  userId,
  serverName: ref.id,
  status: "verified",
  credentials: seal(
    keyring,
    { userId, serverName: ref.id },
    { kind: "header", header: "X-Api-Key", value: "bench-key" },
  ),
};
const store: CredentialStore = { keyring: () => keyring, read: async () => row, write: async () => row };
const pool = new SessionPool();
const appOptions = { store, appOrigin: "http://localhost:3000", fetch, pool };

const bare = new Client({ name: "bench-bare", version: "1.0.0" });
await bare.connect(
  new StreamableHTTPClientTransport(new URL(server.mcpUrl), {
    requestInit: { headers: { "X-Api-Key": "bench-key" } },
  }),
);

const args = (i: number) => ({ message: `call ${i}` });
const appCall = (i: number) => callToolAsUser(userId, ref, "echo", args(i), appOptions);
const bareCall = (i: number) => bare.callTool({ name: "echo", arguments: args(i) });

const app: number[] = [];
const baseline: number[] = [];
for (let i = 0; i < WARMUP + CALLS; i++) {
  // Alternate which goes first so neither always meets a warmer server.
  const order =
    i % 2 === 0
      ? ([
          [appCall, app],
          [bareCall, baseline],
        ] as const)
      : ([
          [bareCall, baseline],
          [appCall, app],
        ] as const);
  for (const [call, samples] of order) {
    const start = performance.now();
    const result = await call(i);
    const elapsed = performance.now() - start;
    if (!JSON.stringify(result.content).includes(`call ${i}`))
      throw new Error("echo answered something else");
    if (i >= WARMUP) samples.push(elapsed);
  }
}
if (pool.size !== 1) throw new Error(`expected one reused session, found ${pool.size}`);

const discovery: number[] = [];
let tools = 0;
for (let i = 0; i < DISCOVERY_RUNS; i++) {
  const start = performance.now();
  const connection = await connectToServer({ url: server.mcpUrl, fetch });
  tools = (await discover(connection.client, connection.transport)).tools.length;
  await connection.close();
  discovery.push(performance.now() - start);
}

await bare.close();
await pool.closeAll();
await server.stop();

const a = summarize(app);
const b = summarize(baseline);
const d = summarize(discovery);
const ms = (value: number) => `${value.toFixed(2)} ms`;
const verdict = (ratio: number) => (ratio <= TARGET ? "PASS" : "FAIL");
const medianRatio = a.median / b.median;
const p95Ratio = a.p95 / b.p95;
console.log(`tool call (echo), ${CALLS} calls each, session reused`);
console.log(`  app MCP layer: median ${ms(a.median)}, p95 ${ms(a.p95)}`);
console.log(`  bare SDK:      median ${ms(b.median)}, p95 ${ms(b.p95)}`);
console.log(
  `  ratio median ${medianRatio.toFixed(2)}× ${verdict(medianRatio)}, p95 ${p95Ratio.toFixed(2)}× ${verdict(p95Ratio)} (target ≤ ${TARGET}×)`,
);
console.log(
  `discovery of server-everything (connect, initialize, every tools/list page: ${tools} tools), ${DISCOVERY_RUNS} runs`,
);
console.log(`  median ${ms(d.median)}, p95 ${ms(d.p95)}`);
if (medianRatio > TARGET || p95Ratio > TARGET) process.exitCode = 1;
