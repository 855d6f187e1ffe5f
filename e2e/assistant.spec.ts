import { expect, localStackOnly, test } from "./fixtures";
import { AssistantPanel } from "./pages/assistant";
import { LiveEditorPage, openContext, workflowIdOf } from "./pages/live";

async function workflowWithTrigger(editor: LiveEditorPage) {
  await editor.page.goto("/workflows");
  await editor.page.getByRole("button", { name: "New workflow" }).first().click();
  await editor.page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
  await editor.ready();
  await editor.live();
  const trigger = await editor.addFromPalette("Manual trigger");
  await editor.expectSaved();
  return { workflowId: workflowIdOf(editor.page), trigger };
}

test.describe("Trymate", () => {
  localStackOnly("Trymate answers from the suite's scripted model server, not the deployment's provider");
  test("adds a tool after the trigger in this tab and another, undoes it as one step, and keeps the thread over a reload", async ({
    browser,
    loggedInPage,
    workerUser,
    signIn,
  }) => {
    // Two tabs, a streamed turn, an undo and a reload: more steps than most specs.
    test.setTimeout(150_000);
    const a = new LiveEditorPage(loggedInPage);
    const { workflowId, trigger } = await workflowWithTrigger(a);
    const tabB = await openContext(browser, signIn, workerUser);
    const b = tabB.editor;
    await b.open(workflowId);
    await expect(b.nodes).toHaveCount(1);

    const assistant = new AssistantPanel(a.page);
    await assistant.open();
    await assistant.ask("Add a tool after the trigger");
    // Named as a person reads them, never by raw id.
    await expect(assistant.activity.filter({ hasText: 'added tool node "Search" after "' })).toBeVisible();
    await expect(assistant.activity.first()).not.toContainText(trigger);
    await expect(assistant.messages).toContainText("Done: the workflow is updated.");
    await expect(a.nodes).toHaveCount(2);
    await expect(a.edges).toHaveCount(1);
    await expect(b.nodes).toHaveCount(2);
    await expect(b.edges).toHaveCount(1);

    // The whole turn is one undo step in the tab that asked; the undo is saved and reaches B.
    await a.page.getByRole("button", { name: "Undo" }).click();
    await expect(a.nodes).toHaveCount(1);
    await expect(a.node(trigger)).toBeVisible();
    await a.expectSaved();
    await expect(b.nodes).toHaveCount(1);

    await a.page.reload();
    await a.ready();
    await assistant.open();
    await expect(assistant.messages).toContainText("Add a tool after the trigger");
    await expect(assistant.messages).toContainText("Done: the workflow is updated.");
    await expect(a.page.getByRole("combobox", { name: "Conversation" })).toContainText(
      "Add a tool after the trigger",
    );
    await expect(a.nodes).toHaveCount(1);
    await tabB.context.close();
  });

  test("propose first: the change shows as a preview, and discarding it saves nothing", async ({
    loggedInPage,
  }) => {
    const a = new LiveEditorPage(loggedInPage);
    await workflowWithTrigger(a);
    const assistant = new AssistantPanel(a.page);
    await assistant.open();
    await assistant.ask("Add a tool after the trigger", { proposeFirst: true });
    const proposal = assistant.panel.getByRole("group", { name: "Proposed changes" });
    await expect(proposal).toContainText("Nothing is saved yet");
    await expect(assistant.activity.filter({ hasText: /^proposed: added tool node "Search"/ })).toBeVisible();
    await expect(a.nodes).toHaveCount(2);
    await expect(a.nodes.nth(1)).toHaveClass(/preview/);
    await a.expectSaved();

    await proposal.getByRole("button", { name: "Discard" }).click();
    await expect(a.nodes).toHaveCount(1);
    await a.page.reload();
    await a.ready();
    await expect(a.nodes).toHaveCount(1);
  });
});
