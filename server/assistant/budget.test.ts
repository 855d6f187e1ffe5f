import { beforeAll, describe, expect, it } from "vitest";
import { as, databaseUrl, prisma, turn, workflowWithTrigger } from "@/test/assistant";
import { readChunks } from "@/test/scripted-model";
import { insertTestUser, type TestUser } from "@/test/users";
import { createBudget } from "./budget";

let carol: TestUser;
let dave: TestUser;

beforeAll(async () => {
  carol = await insertTestUser(databaseUrl);
  dave = await insertTestUser(databaseUrl);
});

describe("the assistant's budget", () => {
  it("refuses a turn over the per-minute limit with a clear message, counted across server instances", async () => {
    const workflowId = await workflowWithTrigger(carol);
    const config = { requestsPerMinute: 2, tokensPerDay: 1_000_000 };
    const first = createBudget(config, { prisma });
    await readChunks(await turn(carol, workflowId, [{ text: "hi" }], { budget: first }).response);
    // Another instance (or this one after a restart) counts against the same allowance.
    const second = createBudget(config, { prisma });
    await readChunks(await turn(carol, workflowId, [{ text: "hi" }], { budget: second }).response);
    const refused = await turn(carol, workflowId, [{ text: "hi" }], {
      budget: createBudget(config, { prisma }),
    }).response;
    expect(refused.status).toBe(429);
    expect((await refused.json()).error).toMatch(
      /^You have sent 2 requests to the assistant in the last minute; try again in \d+ s\.$/,
    );
    expect(await first.tokensUsedToday(carol.id)).toBe(30);
    expect(await second.tokensUsedToday(dave.id)).toBe(0);
  });

  it("counts tokens per UTC day and renews at midnight", async () => {
    let now = Date.parse("2030-01-01T23:59:00Z");
    const budget = createBudget({ requestsPerMinute: 100, tokensPerDay: 50 }, { prisma, now: () => now });
    expect(await budget.take(dave.id)).toEqual({ ok: true });
    await budget.record(dave.id, 50);
    expect(await budget.take(dave.id)).toEqual({
      ok: false,
      message: "You have used today's assistant allowance of 50 tokens; it renews at midnight UTC.",
    });
    now = Date.parse("2030-01-02T00:00:30Z");
    expect(await budget.tokensUsedToday(dave.id)).toBe(0);
    expect(await budget.take(dave.id)).toEqual({ ok: true });
  });

  it("lets each user read only their own usage, and never reset it", async () => {
    const read = (reader: TestUser, owner: TestUser) =>
      as(
        reader,
        (tx) =>
          tx.$queryRaw<
            { tokens: bigint }[]
          >`select tokens from public.assistant_usage where user_id = ${owner.id}::uuid`,
      );
    expect(await read(carol, carol)).toHaveLength(1);
    expect(await read(dave, carol)).toHaveLength(0);
    const reset = as(
      carol,
      (tx) => tx.$executeRaw`update public.assistant_usage set tokens = 0 where user_id = ${carol.id}::uuid`,
    );
    await expect(reset).rejects.toThrow(/permission denied/);
    const forged = as(
      carol,
      (tx) => tx.$executeRaw`delete from public.assistant_usage where user_id = ${carol.id}::uuid`,
    );
    await expect(forged).rejects.toThrow(/permission denied/);
    expect(
      await createBudget({ requestsPerMinute: 100, tokensPerDay: 1_000_000 }, { prisma }).tokensUsedToday(
        carol.id,
      ),
    ).toBe(30);
  });
});
