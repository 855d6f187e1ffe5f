/**
 * bench:triggers — how triggers perform. Schedules: fire lateness (slot → run row) of the app's
 * scheduler (pg-boss) over a minute of 60 schedules, one firing each second, beside an in-process
 * timer inserting a row per second (the floor), p50 / p95, with lost and duplicated slots counted.
 *   npm run bench:triggers   (own Postgres on BENCH_TRIGGERS_DB_PORT or 55290; BENCH_SCHEDULER_POLL_SECONDS, 1)
 */
import path from "node:path";
import { applySupabaseBaseline } from "../../local/db/baseline";
import { recreateDatabase, startEmbeddedPostgres } from "../../local/db/embedded";
import { DATA_DIR } from "../../local/db/prepare";
import { migrate } from "../../server/platform/db/migrator";
import { measureScheduleLateness } from "./schedule-lateness";

const DB_PORT = Number(process.env.BENCH_TRIGGERS_DB_PORT ?? 55290);
const POLL_SECONDS = Number(process.env.BENCH_SCHEDULER_POLL_SECONDS ?? 1);
const TARGET_P95_MS = 1000;
const f = (n: number) => n.toFixed(0).padStart(7);

async function main() {
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, "postgres-bench-triggers"),
    port: DB_PORT,
  });
  try {
    const databaseUrl = await recreateDatabase(postgres.url, "tryliate_bench_triggers");
    await applySupabaseBaseline(databaseUrl);
    await migrate(databaseUrl);
    // The app's modules read their configuration at import: point them at this database first.
    process.env.DATABASE_URL = databaseUrl;
    console.log(
      `Schedule fire lateness: 60 schedules, one per second, for a minute (poll every ${POLL_SECONDS} s)`,
    );
    const report = await measureScheduleLateness(databaseUrl, POLL_SECONDS);
    console.log("                                        median      p95  samples");
    console.log(
      `  scheduler (pg-boss → run row)     ${f(report.scheduler.median)} ms ${f(report.scheduler.p95)} ms ${String(report.scheduler.runs).padStart(8)}`,
    );
    console.log(
      `  of which slot → pg-boss job      ${f(report.jobs.median)} ms ${f(report.jobs.p95)} ms ${String(report.jobs.runs).padStart(8)}`,
    );
    console.log(
      `  job made → taken by the worker    ${f(report.taken.median)} ms ${f(report.taken.p95)} ms ${String(report.taken.runs).padStart(8)}`,
    );
    console.log(
      `  baseline (in-process timer → row) ${f(report.baseline.median)} ms ${f(report.baseline.p95)} ms ${String(report.baseline.runs).padStart(8)}`,
    );
    console.log(
      `  lost slots: ${report.lost}, duplicated slots: ${report.duplicated}, fires retried: ${report.retried}`,
    );
    const pass = report.scheduler.p95 <= TARGET_P95_MS && report.lost === 0 && report.duplicated === 0;
    console.log(`${pass ? "PASS" : "FAIL"}: p95 ≤ ${TARGET_P95_MS} ms, 0 lost, 0 duplicated`);
    process.exitCode = pass ? 0 : 1;
  } finally {
    await postgres.stop();
  }
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
