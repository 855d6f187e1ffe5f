import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/server/platform/db/client";
import { withRls } from "@/server/platform/db/with-rls";
import { callerWithClaims, trpcError } from "@/test/trpc";
import { insertTestUser, type TestUser } from "@/test/users";
import { emptyContext, saveThread } from "./threads";

const databaseUrl = process.env.DATABASE_URL ?? "";
const prisma = getPrisma(databaseUrl);
let alice: TestUser;
let bob: TestUser;
const callerFor = callerWithClaims;

/** Runs SQL as the user, through RLS, and returns the rows it touched (0 when RLS hid them). */
async function asUser(user: TestUser, sql: string, params: unknown[]): Promise<number | string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("begin");
    await client.query(
      "select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)",
      [JSON.stringify(user.claims)],
    );
    const result = await client.query(sql, params);
    await client.query("rollback");
    return result.rowCount ?? 0;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end();
  }
}

async function threadOn(user: TestUser, workflowId: string, threadId: string, title: string) {
  await withRls(
    user.claims,
    (tx) => saveThread(tx, user.id, workflowId, threadId, { ...emptyContext(), title }),
    { prisma },
  );
}

beforeAll(async () => {
  alice = await insertTestUser(databaseUrl);
  bob = await insertTestUser(databaseUrl);
});

describe("assistant router", () => {
  it("lists, loads, renames and deletes the user's own threads of one workflow", async () => {
    const api = callerFor(alice.claims);
    const wf = await api.workflows.create({});
    const other = await api.workflows.create({});
    await threadOn(alice, wf.id, "thread-aaaaaaaa", "first");
    await threadOn(alice, wf.id, "thread-bbbbbbbb", "second");
    await threadOn(alice, other.id, "thread-cccccccc", "elsewhere");
    expect((await api.assistant.threads({ workflowId: wf.id })).map((t) => t.title)).toEqual([
      "second",
      "first",
    ]);
    await api.assistant.rename({ workflowId: wf.id, threadId: "thread-aaaaaaaa", title: "  renamed " });
    expect((await api.assistant.thread({ workflowId: wf.id, threadId: "thread-aaaaaaaa" })).title).toBe(
      "renamed",
    );
    await api.assistant.delete({ workflowId: wf.id, threadId: "thread-bbbbbbbb" });
    expect((await api.assistant.threads({ workflowId: wf.id })).map((t) => t.threadId)).toEqual([
      "thread-aaaaaaaa",
    ]);
    expect(
      (await trpcError(api.assistant.rename({ workflowId: wf.id, threadId: "thread-aaaaaaaa", title: " " })))
        .message,
    ).toBe("title: The title is empty.");
    // A thread id belongs to one workflow: saving it under another is refused, not moved.
    await expect(threadOn(alice, other.id, "thread-aaaaaaaa", "moved")).rejects.toThrow(
      "belongs to another workflow",
    );
  });

  it("never shows or changes another user's threads", async () => {
    const wf = await callerFor(alice.claims).workflows.create({});
    await threadOn(alice, wf.id, "thread-dddddddd", "private");
    const bobApi = callerFor(bob.claims);
    expect(await bobApi.assistant.threads({ workflowId: wf.id })).toEqual([]);
    expect(
      (await trpcError(bobApi.assistant.thread({ workflowId: wf.id, threadId: "thread-dddddddd" }))).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await trpcError(
          bobApi.assistant.rename({ workflowId: wf.id, threadId: "thread-dddddddd", title: "x" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (await trpcError(bobApi.assistant.delete({ workflowId: wf.id, threadId: "thread-dddddddd" }))).code,
    ).toBe("NOT_FOUND");
    expect((await trpcError(callerFor(null).assistant.threads({ workflowId: wf.id }))).code).toBe(
      "UNAUTHORIZED",
    );
    expect(await callerFor(alice.claims).assistant.threads({ workflowId: wf.id })).toHaveLength(1);
  });

  it("RLS keeps a thread on its owner's workflows, on insert and on update", async () => {
    const mine = await callerFor(alice.claims).workflows.create({});
    const bobs = await callerFor(bob.claims).workflows.create({});
    await threadOn(alice, mine.id, "thread-eeeeeeee", "mine");
    expect(
      await asUser(
        alice,
        "insert into public.flow_space (user_id, thread_id, workflow_id) values ($1, 'thread-x', $2)",
        [alice.id, bobs.id],
      ),
    ).toMatch(/row-level security/);
    expect(
      await asUser(
        alice,
        "update public.flow_space set workflow_id = $1 where thread_id = 'thread-eeeeeeee'",
        [bobs.id],
      ),
    ).toMatch(/row-level security/);
    expect(
      await asUser(
        bob,
        "update public.flow_space set context = '{}' where thread_id = 'thread-eeeeeeee'",
        [],
      ),
    ).toBe(0);
    expect(
      await asUser(
        alice,
        "update public.flow_space set context = '{}' where thread_id = 'thread-eeeeeeee'",
        [],
      ),
    ).toBe(1);
  });

  it("says whether a model is configured without revealing keys or URLs", async () => {
    const status = await callerFor(alice.claims).assistant.status();
    expect(JSON.stringify(status)).not.toMatch(/key|http/i);
  });
});
