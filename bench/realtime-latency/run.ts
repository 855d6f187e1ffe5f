/**
 * Commit-to-callback latency of the local Realtime through the official supabase-js client.
 * Starts its own embedded Postgres (port 55220, .data/postgres-bench) and the local stack.
 *   (a) 1 subscriber, single-row changes            target p50 ≤ 15 ms
 *   (b) 100 users × own subscription, RLS, 20 ch/s   target p95 ≤ 100 ms, none lost or leaked
 *   (c) one 1,000-row transaction to 10 subscribers   target all within 1 s
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { localStackConfig } from "../../local/config";
import { applySupabaseBaseline } from "../../local/db/baseline";
import { recreateDatabase, startEmbeddedPostgres } from "../../local/db/embedded";
import { DATA_DIR } from "../../local/db/prepare";
import { signJwt } from "../../local/keys";
import { type LocalStack, startLocalSupabase } from "../../local/server";
import { migrate } from "../../server/platform/db/migrator";
import { insertTestUser, type TestUser } from "../../test/users";

const PORT = 55220;
const HARD_LIMIT_MS = 115_000;

type NodeRow = { workflow_id: string; data: { seq?: number } };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  return `p50 ${f(percentile(sorted, 50))} ms, p95 ${f(percentile(sorted, 95))} ms, p99 ${f(percentile(sorted, 99))} ms, max ${f(sorted.at(-1) ?? Number.NaN)} ms`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs: number) {
  const started = Date.now();
  while (!check() && Date.now() - started < timeoutMs) await sleep(5);
}

class Bench {
  private clients: SupabaseClient[] = [];
  constructor(
    readonly stack: LocalStack,
    readonly pool: pg.Pool,
    readonly databaseUrl: string,
  ) {}

  async user(): Promise<{ user: TestUser; token: string; workflowId: string }> {
    const user = await insertTestUser(this.databaseUrl);
    const token = await signJwt(this.stack.context.signingKey, user.claims);
    const { rows } = await this.pool.query<{ id: string }>(
      "insert into workflows (user_id) values ($1) returning id",
      [user.id],
    );
    return { user, token, workflowId: rows[0]?.id as string };
  }

  /** Subscribes a fresh client to INSERTs on nodes (RLS decides what it sees). */
  async subscribe(token: string, onRow: (row: NodeRow) => void): Promise<void> {
    const client = createClient(this.stack.url, this.stack.context.config.publishableKey, {
      auth: { persistSession: false, autoRefreshToken: false },
    });
    this.clients.push(client);
    client.realtime.setAuth(token);
    const channel = client.channel(`bench-${this.clients.length}`);
    channel.on("postgres_changes", { event: "INSERT", schema: "public", table: "nodes" }, (p) =>
      onRow(p.new as NodeRow),
    );
    await new Promise<void>((resolve, reject) => {
      channel.on("system", {}, (message: { extension: string; status: string; message: string }) => {
        if (message.extension !== "postgres_changes") return;
        if (message.status === "ok") resolve();
        else reject(new Error(message.message));
      });
      channel.subscribe((status) => {
        if (status !== "SUBSCRIBED") reject(new Error(`subscribe: ${status}`));
      });
    });
  }

  async closeClients() {
    await Promise.all(this.clients.map((client) => client.removeAllChannels()));
    this.clients = [];
  }
}

async function scenarioA(bench: Bench) {
  const owner = await bench.user();
  const arrived = new Map<number, number>();
  await bench.subscribe(owner.token, (row) => arrived.set(row.data.seq as number, performance.now()));
  const committed = new Map<number, number>();
  const total = 200;
  for (let seq = 0; seq < total; seq++) {
    await bench.pool.query("insert into nodes (workflow_id, id, type, data) values ($1, $2, 'memo', $3)", [
      owner.workflowId,
      `a${seq}`,
      { seq },
    ]);
    committed.set(seq, performance.now());
    await waitFor(() => arrived.has(seq), 1000);
  }
  const latencies = [...committed]
    .filter(([seq]) => arrived.has(seq))
    .map(([seq, t]) => Math.max(0, (arrived.get(seq) as number) - t));
  console.log(
    `(a) 1 subscriber, ${total} single-row inserts: ${summary(latencies)}; delivered ${latencies.length}/${total}, lost ${total - latencies.length}`,
  );
  await bench.closeClients();
}

async function scenarioB(bench: Bench) {
  const subscribers = 100;
  const users = [];
  for (let i = 0; i < subscribers; i++) users.push(await bench.user());
  const ownerOf = new Map(users.map((u, index) => [u.workflowId, index]));
  const arrivals: { subscriber: number; seq: number; at: number }[] = [];
  await Promise.all(
    users.map((u, subscriber) =>
      bench.subscribe(u.token, (row) =>
        arrivals.push({ subscriber, seq: row.data.seq as number, at: performance.now() }),
      ),
    ),
  );
  const committed = new Map<number, { at: number; owner: number }>();
  const total = 200; // 10 s at 20 changes/s
  const started = performance.now();
  for (let seq = 0; seq < total; seq++) {
    const target = users[seq % subscribers] as (typeof users)[number];
    const due = started + seq * 50;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    await bench.pool.query("insert into nodes (workflow_id, id, type, data) values ($1, $2, 'memo', $3)", [
      target.workflowId,
      `b${seq}`,
      { seq },
    ]);
    committed.set(seq, { at: performance.now(), owner: ownerOf.get(target.workflowId) as number });
  }
  await waitFor(() => arrivals.length >= total, 3000);
  await sleep(500);
  const latencies: number[] = [];
  let leaked = 0;
  const delivered = new Set<number>();
  for (const arrival of arrivals) {
    const commit = committed.get(arrival.seq);
    if (!commit) continue;
    if (commit.owner !== arrival.subscriber) {
      leaked++;
      continue;
    }
    delivered.add(arrival.seq);
    latencies.push(Math.max(0, arrival.at - commit.at));
  }
  console.log(
    `(b) ${subscribers} subscribers (distinct users, RLS), ${total} changes at 20/s: ${summary(latencies)}; delivered ${delivered.size}/${total}, lost ${total - delivered.size}, leaked ${leaked}`,
  );
  await bench.closeClients();
}

async function scenarioC(bench: Bench) {
  const owner = await bench.user();
  const subscribers = 10;
  const rows = 1000;
  const lastArrival: number[] = new Array(subscribers).fill(0);
  const counts: number[] = new Array(subscribers).fill(0);
  for (let i = 0; i < subscribers; i++) {
    await bench.subscribe(owner.token, () => {
      counts[i] = (counts[i] ?? 0) + 1;
      lastArrival[i] = performance.now();
    });
  }
  await bench.pool.query(
    `insert into nodes (workflow_id, id, type, data)
     select $1, 'c' || g, 'memo', jsonb_build_object('seq', g) from generate_series(1, $2) g`,
    [owner.workflowId, rows],
  );
  const committedAt = performance.now();
  await waitFor(() => counts.every((count) => count >= rows), 5000);
  const complete = counts.filter((count) => count >= rows).length;
  const finish = lastArrival.map((t) => t - committedAt);
  console.log(
    `(c) 1 transaction of ${rows} rows to ${subscribers} subscribers: delivered ${counts.reduce((a, b) => a + b, 0)}/${rows * subscribers}, complete subscribers ${complete}/${subscribers}, last row after ${summary(finish)} → ${Math.max(...finish) <= 1000 && complete === subscribers ? "all within 1 s" : "NOT all within 1 s"}`,
  );
  await bench.closeClients();
}

async function main() {
  const hardLimit = setTimeout(() => {
    console.error("bench exceeded its time limit");
    process.exit(1);
  }, HARD_LIMIT_MS);
  const server = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres-bench"), port: PORT });
  const databaseUrl = await recreateDatabase(server.url, "tryliate_bench");
  await applySupabaseBaseline(databaseUrl);
  await migrate(databaseUrl);
  const stack = await startLocalSupabase(
    localStackConfig({ databaseUrl, port: 0, dataDir: mkdtempSync(path.join(tmpdir(), "tryliate-bench-")) }),
  );
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const bench = new Bench(stack, pool, databaseUrl);
  try {
    await scenarioA(bench);
    await scenarioB(bench);
    await scenarioC(bench);
  } finally {
    await pool.end();
    await stack.close();
    await server.stop();
    clearTimeout(hardLimit);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
