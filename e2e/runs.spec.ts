import { randomUUID } from "node:crypto";
import { RUN_LIMITS } from "../lib/runs/status";
import { expect, localStackOnly, test } from "./fixtures";
import { seed, seedWorkflow, sql } from "./fixtures/seed-workflow";
import { EditorPage } from "./pages/editor";
import { openContext } from "./pages/live";

const { tool, trigger } = seed;

const statusOf = (editor: EditorPage, nodeId: string) => editor.node(nodeId).getByTestId("run-status");

async function run(editor: EditorPage) {
  await editor.page.getByTestId("run-button").click();
  await editor.page.getByRole("button", { name: "Start run" }).click();
}

test.describe("Runs", () => {
  localStackOnly(
    "it seeds workflows straight through the database and runs the stack's own server-everything",
  );

  test("trigger → echo → get-sum with a template: green live in two tabs, the log shows the outputs", async ({
    browser,
    loggedInPage,
    workerUser,
    signIn,
  }) => {
    const workflowId = await seedWorkflow(
      workerUser.id,
      [
        trigger({ a: 2, message: "40" }),
        tool("echo", "echo", { message: "{{ input.message }}" }),
        tool("sum", "get-sum", {
          a: "{{ input.a }}",
          b: "{{ $number($substringAfter(nodes.echo.content[0].text, ': ')) }}",
        }),
      ],
      [
        ["start", "echo"],
        ["echo", "sum"],
      ],
    );
    const a = new EditorPage(loggedInPage);
    await a.page.goto(`/workflows/${workflowId}`);
    await a.ready();
    const tabB = await openContext(browser, signIn, workerUser);
    await tabB.page.goto(`/workflows/${workflowId}`);
    await tabB.editor.ready();

    await run(a);
    for (const editor of [a, tabB.editor]) {
      for (const id of ["start", "echo", "sum"])
        await expect(statusOf(editor, id)).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });
    }
    await a.page.getByRole("button", { name: "Runs", exact: true }).click();
    const steps = a.page.getByTestId("run-steps");
    await steps.locator('details[data-node="sum"][data-event="succeeded"] > summary').click();
    await expect(steps).toContainText("The sum of 2 and 40 is 42");
    await tabB.context.close();
  });

  test("a failing tool turns red with its error; a long-running tool is cancelled mid-way", async ({
    loggedInPage,
    workerUser,
  }) => {
    // Passes the plan (the argument is a template), then the server refuses the value it gives.
    const failing = await seedWorkflow(
      workerUser.id,
      [
        trigger({ word: "not a number" }),
        tool("bad", "get-sum", { a: "{{ input.word }}", b: 1 }, { retries: 0 }),
      ],
      [["start", "bad"]],
    );
    const editor = new EditorPage(loggedInPage);
    await editor.page.goto(`/workflows/${failing}`);
    await editor.ready();
    await run(editor);
    await expect(statusOf(editor, "bad")).toHaveAttribute("data-status", "failed", { timeout: 15_000 });
    await editor.page.getByRole("button", { name: "Runs", exact: true }).click();
    await expect(
      editor.page.getByTestId("run-steps").locator('details[data-node="bad"][data-event="failed"]'),
    ).toBeVisible();
    await expect(editor.page.getByRole("button", { name: "Retry from failed step" })).toBeVisible();

    const long = await seedWorkflow(
      workerUser.id,
      [trigger({}), tool("long", "trigger-long-running-operation", { duration: 30, steps: 30 })],
      [["start", "long"]],
    );
    await editor.page.goto(`/workflows/${long}`);
    await editor.ready();
    await run(editor);
    await expect(statusOf(editor, "long")).toHaveAttribute("data-status", "running", { timeout: 15_000 });
    await editor.page.getByRole("button", { name: "Cancel", exact: true }).click();
    await expect(statusOf(editor, "long")).toHaveAttribute("data-status", "cancelled", { timeout: 5_000 });
    await expect(editor.page.getByRole("button", { name: "Re-run" })).toBeVisible();
  });
  test("a start beyond the running-runs limit answers 429 with its code and sentence, not a 500", async ({
    page,
    makeUser,
    signIn,
  }) => {
    // A fresh user, so the other tests' runs do not count against the limit.
    const user = await makeUser("run-limit");
    await signIn(page, user);
    const workflowId = await seedWorkflow(user.id, [trigger({})], []);
    // Runs of the Inngest engine are left alone by this server's in-process engine: they only count.
    for (let i = 0; i < RUN_LIMITS.maxActiveRunsPerUser; i++) {
      await sql(
        "insert into public.executions (id, workflow_id, user_id, status, engine) values ($1, $2, $3, 'running', 'inngest')",
        [`run_${randomUUID()}`, workflowId, user.id],
      );
    }
    const editor = new EditorPage(page);
    await page.goto(`/workflows/${workflowId}`);
    await editor.ready();
    const answer = page.waitForResponse((response) => response.url().includes("/api/trpc/runs.start"));
    await run(editor);
    const response = await answer;
    expect(response.status()).toBe(429);
    const [{ error }] = (await response.json()) as [{ error: { json: { data: { appCode?: string } } } }];
    expect(error.json.data.appCode).toBe("runs.too_many_running");
    // A refusal before the run starts is shown inside the Run dialog.
    await expect(page.getByRole("alert").filter({ hasText: "runs going" })).toContainText(
      `You already have ${RUN_LIMITS.maxActiveRunsPerUser} runs going`,
    );
    const { rows } = await sql("select count(*)::int as n from public.executions where user_id = $1", [
      user.id,
    ]);
    expect(rows[0].n).toBe(RUN_LIMITS.maxActiveRunsPerUser);
  });
});
