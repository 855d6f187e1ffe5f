import type { UIMessage } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRuns } from "@/server/runs/runs";
import { as, savedThread, saveNodes, toolOutputs, turn } from "@/test/assistant";
import { databaseUrl, graphOf as g, type RunFixture, runFixture } from "@/test/runs";
import { readChunks } from "@/test/scripted-model";
import { insertTestUser, type TestUser } from "@/test/users";

let fx: RunFixture;
let bob: TestUser;
const runs = () => as(fx.user, (tx) => listRuns(tx, fx.user.id, fx.workflowId));

/** The user's answer to the assistant's pending question, as the panel sends it back. */
function answer(message: UIMessage, approved: boolean): UIMessage {
  const parts = message.parts.map((part) => {
    const p = part as { state?: string; approval?: { id: string } };
    return p.state === "approval-requested" && p.approval
      ? { ...part, state: "approval-responded", approval: { id: p.approval.id, approved } }
      : part;
  });
  return { ...message, parts: parts as UIMessage["parts"] };
}

beforeAll(async () => {
  fx = await runFixture();
  bob = await insertTestUser(databaseUrl);
  // A sum whose second number comes from the run's input: text makes the server refuse it.
  await saveNodes(
    fx.user,
    fx.workflowId,
    [g.trigger("start", '{"b": 2}'), g.tool("sum", fx.serverId, "get-sum", { a: 1, b: "{{ input.b }}" })],
    [g.edge("start", "sum")],
  );
}, 60_000);

afterAll(async () => {
  await fx?.everything.stop();
});

describe("the assistant's run tools", () => {
  it("ask the user before starting a run, run it once approved, and read its log", async () => {
    const threadId = `thread-run-${Date.now()}`;
    const asked = await readChunks(
      await turn(fx.user, fx.workflowId, [{ toolCalls: [{ name: "run_workflow", input: {} }] }], {
        threadId,
        text: "run it",
      }).response,
    );
    expect(asked.some((c) => c.type === "tool-approval-request")).toBe(true);
    expect(await runs()).toEqual([]);

    const pending = (await savedThread(fx.user, fx.workflowId, threadId)).messages.at(-1) as UIMessage;
    const { model, response } = turn(
      fx.user,
      fx.workflowId,
      [{ toolCalls: [{ name: "read_run_logs", input: {} }] }, { text: "It added 1 and 2." }],
      {
        threadId,
        answer: answer(pending, true),
      },
    );
    const [ran, read] = toolOutputs(await readChunks(await response));
    expect(ran).toMatchObject({
      ok: true,
      summary: "ran the workflow: succeeded",
      run: { status: "succeeded" },
    });
    expect(read).toMatchObject({ ok: true, run: { id: (ran?.run as { id: string } | undefined)?.id } });
    expect(JSON.stringify(read?.run)).toContain("The sum of 1 and 2 is 3");
    // The model read the log as the tool's result, steps under untrustedData.
    expect(JSON.stringify(model.doStreamCalls[1]?.prompt)).toContain("untrustedData");
    expect(await runs()).toHaveLength(1);
  });

  it("report a failed run with the failing step, so the model can explain it", async () => {
    const { response } = turn(fx.user, fx.workflowId, [
      { toolCalls: [{ name: "read_run_logs", input: { runId: "run_does-not-exist" } }] },
      { text: "No such run." },
    ]);
    expect(toolOutputs(await readChunks(await response))[0]).toEqual({
      ok: false,
      error: "This run does not exist or is not yours.",
    });

    const threadId = `thread-fail-${Date.now()}`;
    await readChunks(
      await turn(
        fx.user,
        fx.workflowId,
        [{ toolCalls: [{ name: "run_workflow", input: { input: { b: "two" } } }] }],
        { threadId },
      ).response,
    );
    const pending = (await savedThread(fx.user, fx.workflowId, threadId)).messages.at(-1) as UIMessage;
    const chunks = await readChunks(
      await turn(fx.user, fx.workflowId, [{ text: "b must be a number." }], {
        threadId,
        answer: answer(pending, true),
      }).response,
    );
    const [ran] = toolOutputs(chunks);
    expect(ran).toMatchObject({
      ok: true,
      summary: "ran the workflow: failed at sum",
      run: { status: "failed" },
    });
    expect(JSON.stringify(ran?.run)).toMatch(/"node":"sum","event":"failed"/);
  });

  it("start nothing when the user declines, and never touch another user's workflow or runs", async () => {
    const before = (await runs()).length;
    const threadId = `thread-no-${Date.now()}`;
    await readChunks(
      await turn(fx.user, fx.workflowId, [{ toolCalls: [{ name: "run_workflow", input: {} }] }], { threadId })
        .response,
    );
    const pending = (await savedThread(fx.user, fx.workflowId, threadId)).messages.at(-1) as UIMessage;
    const chunks = await readChunks(
      await turn(fx.user, fx.workflowId, [{ text: "Not run." }], { threadId, answer: answer(pending, false) })
        .response,
    );
    expect(chunks.some((c) => c.type === "tool-output-denied")).toBe(true);
    expect(await runs()).toHaveLength(before);

    const [latest] = await runs();
    const { response } = turn(bob, fx.workflowId, [
      { toolCalls: [{ name: "read_run_logs", input: { runId: latest?.id } }] },
    ]);
    expect((await response).status).toBe(404);
    const bobsOwn = await as(bob, (tx) =>
      tx.workflow.create({ data: { userId: bob.id, name: "bob" }, select: { id: true } }),
    );
    const peek = await readChunks(
      await turn(bob, bobsOwn.id, [
        { toolCalls: [{ name: "read_run_logs", input: { runId: latest?.id } }] },
        { text: "?" },
      ]).response,
    );
    expect(toolOutputs(peek)[0]).toEqual({ ok: false, error: "This run does not exist or is not yours." });
  });

  it("refuse to run while changes are only proposed", async () => {
    const threadId = `thread-prop-${Date.now()}`;
    await readChunks(
      await turn(fx.user, fx.workflowId, [{ toolCalls: [{ name: "run_workflow", input: {} }] }], {
        threadId,
        proposeFirst: true,
      }).response,
    );
    const pending = (await savedThread(fx.user, fx.workflowId, threadId)).messages.at(-1) as UIMessage;
    const chunks = await readChunks(
      await turn(fx.user, fx.workflowId, [{ text: "ok" }], {
        threadId,
        proposeFirst: true,
        answer: answer(pending, true),
      }).response,
    );
    expect(toolOutputs(chunks)[0]?.error).toMatch(/apply or discard them first/);
  });
});
