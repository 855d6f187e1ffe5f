import { expect, localStackOnly, test } from "./fixtures";
import { seed, seedWorkflow } from "./fixtures/seed-workflow";
import { EditorPage } from "./pages/editor";

const statusOf = (editor: EditorPage, nodeId: string) => editor.node(nodeId).getByTestId("run-status");

async function run(editor: EditorPage) {
  await editor.page.getByTestId("run-button").click();
  await editor.page.getByRole("button", { name: "Start run" }).click();
}

async function open(editor: EditorPage, workflowId: string) {
  await editor.page.goto(`/workflows/${workflowId}`);
  await editor.ready();
}

test.describe("The builder", () => {
  localStackOnly("it seeds workflows straight through the database and runs the stack's server-everything");

  test("a transform previews its result against the last run as it is typed, and points at an error", async ({
    loggedInPage,
    workerUser,
  }) => {
    const workflowId = await seedWorkflow(
      workerUser.id,
      [seed.trigger({ items: [{ price: 15 }, { price: 27 }] }), seed.transform("total", "input")],
      [["start", "total"]],
    );
    const editor = new EditorPage(loggedInPage);
    await open(editor, workflowId);
    await run(editor);
    await expect(statusOf(editor, "total")).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });

    await editor.node("total").click();
    const inspector = editor.page.getByRole("complementary", { name: "Inspector" });
    const expression = inspector.getByLabel("Expression (JSONata)");
    await expression.fill('{ "sum": $sum(input.items.price) }');
    await expect(inspector.getByTestId("expression-preview")).toContainText("sum: 42");

    await expression.fill('  "a" + 1');
    await expect(inspector.getByTestId("expression-error")).toContainText("at character 7");
    await expect(inspector.getByTestId("expression-caret")).toHaveText('  "a" + 1\n      ^');
  });

  test("a failing tool takes its labelled error output; the ok branch is skipped and the run succeeds", async ({
    loggedInPage,
    workerUser,
  }) => {
    const workflowId = await seedWorkflow(
      workerUser.id,
      [
        seed.trigger({ word: "not a number" }),
        seed.tool("bad", "get-sum", { a: "{{ input.word }}", b: 1 }, { retries: 0 }),
        seed.tool("fine", "echo", { message: "never" }),
        seed.tool("handled", "echo", { message: "handled: {{ nodes.bad.error }}" }),
      ],
      [
        ["start", "bad"],
        ["bad", "fine", "out"],
        ["bad", "handled", "error"],
      ],
    );
    const editor = new EditorPage(loggedInPage);
    await open(editor, workflowId);
    await expect(editor.node("bad").getByTestId("handle-label-out")).toHaveText("ok");
    await expect(editor.node("bad").getByTestId("handle-label-error")).toHaveText("error");

    await editor.node("bad").click();
    const inspector = editor.page.getByRole("complementary", { name: "Inspector" });
    await inspector.getByLabel("On error").selectOption("error-output");
    await expect(editor.status).toHaveText(/Saved/);

    await run(editor);
    await expect(statusOf(editor, "handled")).toHaveAttribute("data-status", "succeeded", {
      timeout: 15_000,
    });
    await expect(statusOf(editor, "bad")).toHaveAttribute("data-status", "failed");
    await expect(statusOf(editor, "fine")).toHaveAttribute("data-status", "skipped");
    await editor.page.getByRole("button", { name: "Runs", exact: true }).click();
    const runs = editor.page.getByRole("complementary", { name: "Runs" });
    await expect(runs.locator("[data-status]").first()).toHaveAttribute("data-status", "succeeded");
    const steps = editor.page.getByTestId("run-steps");
    await steps.locator('details[data-node="handled"][data-event="succeeded"] > summary').click();
    await expect(steps).toContainText("handled: get-sum answered with an error");
  });

  test("after a run the inspector shows a node's data; clicking a field maps it, and the next run uses it", async ({
    loggedInPage,
    workerUser,
  }) => {
    const workflowId = await seedWorkflow(
      workerUser.id,
      [
        seed.trigger({ name: "Ada" }),
        seed.tool("first", "echo", { message: "hi {{ input.name }}" }),
        seed.tool("second", "echo", { message: "placeholder" }),
        seed.transform("shape", "input"),
      ],
      [
        ["start", "first"],
        ["first", "second"],
        ["second", "shape"],
      ],
    );
    const editor = new EditorPage(loggedInPage);
    await open(editor, workflowId);
    await run(editor);
    await expect(statusOf(editor, "shape")).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });

    await editor.node("second").click();
    const inspector = editor.page.getByRole("complementary", { name: "Inspector" });
    const data = inspector.getByTestId("run-data");
    await expect(data).toContainText("Echo: placeholder");
    const message = inspector.getByLabel("message *", { exact: true });
    await message.fill("");
    await inspector.getByTestId("map-source-first").getByRole("button", { name: "text" }).click();
    await expect(message).toHaveValue("{{ nodes.first.content[0].text }}");
    await expect(inspector.getByTestId("map-source-input")).toBeVisible();

    // In an expression field the bare expression goes in, where the cursor was.
    await editor.node("shape").click();
    const expression = inspector.getByLabel("Expression (JSONata)");
    await expression.fill("");
    await inspector.getByTestId("map-source-second").getByRole("button", { name: "text" }).click();
    await expect(expression).toHaveValue("nodes.second.content[0].text");
    await expect(editor.status).toHaveText(/Saved/);

    await run(editor);
    await editor.page.getByRole("button", { name: "Runs", exact: true }).click();
    const steps = editor.page.getByTestId("run-steps");
    await expect(steps.locator('details[data-node="shape"][data-event="succeeded"]')).toContainText(
      '"Echo: Echo: hi Ada"',
      { timeout: 15_000 },
    );
  });
});
