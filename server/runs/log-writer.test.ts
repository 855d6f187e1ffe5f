import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { graphOf as g, setUpRunEngine, storeRun } from "@/test/runs";
import { LeaseLost, LogWriter } from "./log-writer";
import type { LogEntry } from "./store";

const env = setUpRunEngine();
const { prisma, store } = env;
const owner = `writer-test-${randomUUID()}`;

const heldRun = (by = owner) =>
  storeRun(
    store,
    env.fx,
    { nodes: [g.trigger()], edges: [] },
    { status: "running", lease: { owner: by, ms: 60_000 } },
  );

const entry = (executionId: string, nodeId: string, event: LogEntry["event"]): LogEntry => ({
  executionId,
  workflowId: env.fx.workflowId,
  nodeId,
  stepName: nodeId,
  event,
  attempt: 1,
});

/** Rows committed by one statement share its transaction id. */
async function statementsFor(ids: string[]) {
  const rows = await prisma.$queryRaw<Array<{ n: bigint }>>`
    select count(distinct xmin::text) as n from public.execution_logs where execution_id = any(${ids})`;
  return Number(rows[0]?.n);
}

describe("the engine's log writer", () => {
  it("groups the rows of concurrent runs into a few statements, each row in order", async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, () => heldRun()));
    const writer = new LogWriter({ store, owner, retryBudgetMs: 5_000 });
    await Promise.all(
      ids.map(async (id) => {
        await writer.append(entry(id, "a", "succeeded"));
        await writer.append(entry(id, "b", "succeeded"));
      }),
    );
    // Two rows per run, each run's second after its first: two rounds of shared statements, not 60.
    expect(await statementsFor(ids)).toBeLessThanOrEqual(3);
    const logs = await prisma.executionLog.findMany({
      where: { executionId: { in: ids } },
      orderBy: { seq: "asc" },
    });
    expect(logs).toHaveLength(60);
    for (const id of ids)
      expect(logs.filter((l) => l.executionId === id).map((l) => l.nodeId)).toEqual(["a", "b"]);
  });

  it("writes a step's start with its ending when the step is quick, and on its own soon when not", async () => {
    const quick = await heldRun();
    const slow = await heldRun();
    const writer = new LogWriter({ store, owner, retryBudgetMs: 5_000, startedRowWaitMs: 50 });
    const started = writer.append(entry(quick, "a", "started"));
    await writer.append(entry(quick, "a", "succeeded"));
    await started;
    expect(await statementsFor([quick])).toBe(1);

    const alone = Date.now();
    await writer.append(entry(slow, "a", "started"));
    expect(Date.now() - alone).toBeGreaterThanOrEqual(45);
    expect(Date.now() - alone).toBeLessThan(1_000);
  });

  it("refuses the rows of a run it does not hold (another engine's, or finished), writing none of them", async () => {
    const mine = await heldRun();
    const theirs = await heldRun("another engine");
    const finished = await heldRun();
    await prisma.execution.update({ where: { id: finished }, data: { status: "succeeded" } });
    const writer = new LogWriter({ store, owner, retryBudgetMs: 5_000 });
    const results = await Promise.allSettled([
      writer.append(entry(mine, "a", "succeeded")),
      writer.append(entry(theirs, "a", "succeeded")),
      writer.append(entry(finished, "a", "succeeded")),
    ]);
    expect(results[0]?.status).toBe("fulfilled");
    for (const result of results.slice(1)) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(LeaseLost);
    }
    const rows = await prisma.executionLog.findMany({
      where: { executionId: { in: [mine, theirs, finished] } },
    });
    expect(rows.map((row) => row.executionId)).toEqual([mine]);
  });
});
