import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, localStackOnly, test } from "./fixtures";
import { sql } from "./fixtures/sql";
import { EditorPage, newWorkflow } from "./pages/editor";
import { openContext } from "./pages/live";

/** A workflow with a schedule (every two seconds, in seconds-level cron) feeding server-everything's echo. */
async function seedScheduledWorkflow(userId: string, name: string): Promise<string> {
  const workflowId = randomUUID();
  await sql("insert into public.workflows (id, user_id, name) values ($1, $2, $3)", [
    workflowId,
    userId,
    name,
  ]);
  const schedule = {
    label: "Every two seconds",
    mode: "cron",
    minutes: 15,
    at: "09:00",
    day: 1,
    expression: "*/2 * * * * *",
    timeZone: "UTC",
    missed: "skip",
  };
  const echo = {
    label: "echo",
    serverId: "everything",
    tool: "echo",
    args: '{"message":"{{ input.scheduledFor }}"}',
  };
  await sql(
    `insert into public.nodes (workflow_id, id, type, data, position_x, position_y)
     values ($1, 'tick', 'schedule', $2, 40, 80), ($1, 'echo', 'protocol', $3, 320, 80)`,
    [workflowId, schedule, echo],
  );
  await sql(
    "insert into public.edges (workflow_id, id, source, target, source_handle, target_handle) values ($1, 'tick-echo', 'tick', 'echo', 'out', 'in')",
    [workflowId],
  );
  return workflowId;
}

/** Turns the workflow's triggers on through the app's API, as the signed-in owner. */
async function setActive(page: Page, workflowId: string, active: boolean) {
  const status = await page.evaluate(
    async ({ workflowId, active }) => {
      const response = await fetch("/api/trpc/triggers.setActive", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { workflowId, active } }),
      });
      return response.status;
    },
    { workflowId, active },
  );
  expect(status).toBe(200);
}

test.describe("Schedules", () => {
  test("the schedule node previews its next five fire times and explains an invalid expression", async ({
    loggedInPage: page,
  }) => {
    const editor = await newWorkflow(page);
    const node = await editor.addFromPalette("Schedule trigger");
    await editor.select(node);
    const inspector = page.getByRole("complementary", { name: "Inspector" });
    await inspector.getByRole("combobox", { name: "Runs", exact: true }).selectOption("daily");
    await inspector.getByLabel("At (HH:MM)").fill("07:30");
    await inspector.getByRole("combobox", { name: "Time zone" }).fill("Europe/Paris");
    const next = inspector.getByRole("region", { name: "Next runs" });
    await expect(next).toContainText("At 07:30 (Europe/Paris)");
    await expect(next.getByRole("listitem")).toHaveCount(5);
    await expect(next.getByRole("listitem").first()).toContainText("07:30:00");

    await inspector.getByRole("combobox", { name: "Runs", exact: true }).selectOption("cron");
    await inspector.getByRole("textbox", { name: /Cron expression/ }).fill("61 * * * *");
    await expect(inspector.getByRole("alert")).toContainText('"61 * * * *" is not a valid cron expression');
    await expect(editor.node(node)).toContainText("Invalid schedule");
  });

  test.describe("firing", () => {
    localStackOnly("it seeds a workflow through the database and the stack's scheduler polls every second");

    test("an active schedule fires: the run appears live in the editor, on the Runs page and in the list", async ({
      browser,
      loggedInPage,
      workerUser,
      signIn,
    }) => {
      const name = `Scheduled ${randomUUID().slice(0, 6)}`;
      const workflowId = await seedScheduledWorkflow(workerUser.id, name);
      const editor = new EditorPage(loggedInPage);
      await editor.page.goto(`/workflows/${workflowId}`);
      await editor.ready();
      await editor.page.getByRole("button", { name: "Runs", exact: true }).click();
      const runsPage = await openContext(browser, signIn, workerUser);
      await runsPage.page.goto("/runs");
      await expect(runsPage.page.getByRole("heading", { name: "Runs" })).toBeVisible();

      await setActive(editor.page, workflowId, true);
      // No Run pressed: the schedule starts the run, and the open editor follows it live.
      await expect(editor.node("echo").getByTestId("run-status")).toHaveAttribute(
        "data-status",
        "succeeded",
        {
          timeout: 20_000,
        },
      );
      const panel = editor.page.getByRole("complementary", { name: "Runs" });
      await expect(panel.getByRole("listitem").first()).toContainText("Every two seconds");

      const row = runsPage.page.getByTestId("run-row").filter({ hasText: name });
      await expect(row.first()).toContainText("Schedule", { timeout: 10_000 });
      await expect(row.first().locator("[data-status]")).toHaveAttribute("data-status", "succeeded", {
        timeout: 10_000,
      });
      await runsPage.page.getByRole("combobox", { name: "Status" }).selectOption("failed");
      await expect(runsPage.page.getByTestId("run-row").filter({ hasText: name })).toHaveCount(0);
      await runsPage.page.getByRole("combobox", { name: "Status" }).selectOption("");
      await runsPage.page.getByRole("combobox", { name: "Workflow" }).selectOption({ label: name });
      await expect(runsPage.page.getByTestId("run-row").first()).toContainText(name);

      await setActive(editor.page, workflowId, false);
      const runs = await sql(
        "select trigger_key, count(*)::int as n from public.executions where workflow_id = $1 and trigger_kind = 'schedule' group by trigger_key",
        [workflowId],
      );
      expect(runs.rows.length).toBeGreaterThanOrEqual(1);
      expect(runs.rows.every((r) => r.n === 1)).toBe(true);

      await runsPage.page.goto("/workflows");
      const listed = runsPage.page.getByTestId("workflow-row").filter({ hasText: name });
      await expect(listed.getByTestId("last-run").locator("[data-status]")).toHaveAttribute(
        "data-status",
        "succeeded",
      );
      await runsPage.context.close();
    });
  });
});
