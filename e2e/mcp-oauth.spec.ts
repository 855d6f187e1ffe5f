import { randomUUID } from "node:crypto";
import pg from "pg";
import { expect, localStackOnly, test } from "./fixtures";
import { e2eStack } from "./fixtures/stack";
import { grantAdmin } from "./fixtures/users";
import { ConnectionsPage } from "./pages/connections";
import { EditorPage } from "./pages/editor";

/** A workflow of a trigger and a tool node with no tool chosen yet, owned by `userId`. */
async function seedWorkflow(userId: string): Promise<string> {
  const workflowId = randomUUID();
  const client = new pg.Client({ connectionString: e2eStack.databaseUrl });
  await client.connect();
  try {
    await client.query("insert into public.workflows (id, user_id, name) values ($1, $2, 'OAuth tool')", [
      workflowId,
      userId,
    ]);
    await client.query(
      `insert into public.nodes (workflow_id, id, type, data, position_x, position_y) values
         ($1, 'start', 'trigger', '{"label":"Start","input":"{}"}', 40, 80),
         ($1, 'add', 'protocol', '{"label":"Add","serverId":null,"tool":null,"args":"{}"}', 320, 80)`,
      [workflowId],
    );
    await client.query(
      "insert into public.edges (workflow_id, id, source, target, source_handle, target_handle) values ($1, 'e1', 'start', 'add', 'out', 'in')",
      [workflowId],
    );
  } finally {
    await client.end();
  }
  return workflowId;
}

test.describe("an OAuth-protected MCP server", () => {
  localStackOnly(
    "it seeds the workflow through the database and connects the OAuth demo server the local stack registers",
  );
  // Real OAuth redirects, discovery and a run against local servers on a shared, busy machine.
  test.slow();
  test("is connected through the OAuth flow in the browser, then its tool runs with that connection", async ({
    page,
    makeUser,
    signIn,
  }) => {
    // An admin, so that the server's tools can be discovered with their own connection.
    const user = await makeUser("oauth-tool");
    await grantAdmin(user);
    await signIn(page, user);

    await page.goto("/connections");
    await new ConnectionsPage(page).connectWithOAuth("OAuth demo", "oauth-demo");

    await page.goto("/registry/manage");
    await page.getByRole("listitem", { name: "OAuth demo" }).getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByText(/Refreshed: 2 tools discovered/)).toBeVisible({ timeout: 30_000 });

    const editor = new EditorPage(page);
    await page.goto(`/workflows/${await seedWorkflow(user.id)}`);
    await editor.ready();
    await editor.select("add");
    const inspector = page.getByRole("complementary", { name: "Inspector" });
    await inspector.getByLabel("MCP server").selectOption("oauth-demo");
    await expect(inspector.getByTestId("connection-hint")).toHaveText("You are connected to this server.");
    await inspector.getByLabel("Tool").selectOption("add");
    await inspector.getByLabel("a *", { exact: true }).fill("20");
    await expect(inspector.getByRole("alert").filter({ hasText: "Required." })).toHaveCount(1);
    await inspector.getByLabel("b *", { exact: true }).fill("22");
    await expect(inspector.getByRole("alert")).toHaveCount(0);
    await expect(editor.node("add")).toContainText("oauth-demo · add · connected");
    await editor.expectSaved();

    await page.getByTestId("run-button").click();
    await page.getByRole("button", { name: "Start run" }).click();
    await expect(editor.node("add").getByTestId("run-status")).toHaveAttribute("data-status", "succeeded", {
      timeout: 20_000,
    });
    await page.getByRole("button", { name: "Runs", exact: true }).click();
    const steps = page.getByTestId("run-steps");
    await steps.locator('details[data-node="add"][data-event="succeeded"] > summary').click();
    await expect(steps).toContainText("42");
  });
});
