import { createHmac, randomUUID } from "node:crypto";
import { expect, localStackOnly, test } from "./fixtures";
import { sql } from "./fixtures/sql";
import { e2eStack } from "./fixtures/stack";
import { EditorPage } from "./pages/editor";
import { openContext } from "./pages/live";

const webhookData = {
  label: "Orders",
  auth: "hmac",
  methods: ["POST"],
  respond: "finished",
  responseNode: "echo",
  responseStatus: 200,
  waitSeconds: 15,
};

/** A workflow: webhook "hook" → echo(input.body.text) on the stack's server-everything. */
async function seedWebhookWorkflow(userId: string, echoArgs: unknown = { message: "{{ input.body.text }}" }) {
  const workflowId = randomUUID();
  await sql("insert into public.workflows (id, user_id, name) values ($1, $2, 'Webhook me')", [
    workflowId,
    userId,
  ]);
  await sql(
    `insert into public.nodes (workflow_id, id, type, data, position_x, position_y)
       values ($1, 'hook', 'webhook', $2, 40, 80), ($1, 'echo', 'protocol', $3, 320, 80)`,
    [
      workflowId,
      webhookData,
      { label: "echo", serverId: "everything", tool: "echo", args: JSON.stringify(echoArgs) },
    ],
  );
  await sql(
    "insert into public.edges (workflow_id, id, source, target, source_handle, target_handle) values ($1, 'hook-echo', 'hook', 'echo', 'out', 'in')",
    [workflowId],
  );
  return workflowId;
}

/** What a sender does (as with curl and openssl): sign `<t>.<raw body>` with the secret. */
function signedPost(url: string, secret: string, body: string, headers: Record<string, string> = {}) {
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "tryliate-signature": `t=${t},v1=${v1}`, ...headers },
    body,
  });
}

/** Selects the webhook node, makes its URL and secret in the inspector, and reads them. */
async function makeUrlAndSecret(editor: EditorPage) {
  await editor.node("hook").click();
  await editor.page.getByRole("button", { name: "Make its URL and secret" }).click();
  const url = await editor.page.getByTestId("webhook-url").inputValue();
  const secret = await editor.page.getByTestId("webhook-secret").inputValue();
  expect(url).toMatch(/\/api\/webhooks\/[A-Za-z0-9_-]{32}$/);
  expect(secret).toMatch(/^whsec_/);
  // From the page's origin to the app's loopback address, as a caller outside would send it.
  return { url: `${e2eStack.appUrl}${new URL(url).pathname}`, secret };
}

test.describe("Webhooks", () => {
  localStackOnly("it seeds workflows through the database and runs the stack's own server-everything");

  test("an active webhook runs live in two tabs and answers with the output; bad signature, inactive, replay", async ({
    browser,
    loggedInPage,
    workerUser,
    signIn,
  }) => {
    const workflowId = await seedWebhookWorkflow(workerUser.id);
    const a = new EditorPage(loggedInPage);
    await a.page.goto(`/workflows/${workflowId}`);
    await a.ready();
    const { url, secret } = await makeUrlAndSecret(a);
    const body = JSON.stringify({ text: "order 42" });

    // Inactive: the same 404 as an unknown webhook.
    const inactive = await signedPost(url, secret, body);
    expect(inactive.status).toBe(404);
    const unknown = await signedPost(`${e2eStack.appUrl}/api/webhooks/${"x".repeat(32)}`, secret, body);
    expect(await inactive.json()).toEqual(await unknown.json());

    const active = a.page.getByTestId("active-switch");
    await active.click();
    await expect(active).toHaveAttribute("aria-checked", "true");

    const tabB = await openContext(browser, signIn, workerUser);
    await tabB.page.goto(`/workflows/${workflowId}`);
    await tabB.editor.ready();
    await expect(tabB.page.getByTestId("active-switch")).toHaveAttribute("aria-checked", "true");

    const answer = await signedPost(url, secret, body, { "idempotency-key": "order-42" });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(await answer.json())).toContain("Echo: order 42");
    const runId = answer.headers.get("tryliate-run-id");
    expect(runId).toMatch(/^run_/);
    for (const editor of [a, tabB.editor]) {
      for (const id of ["hook", "echo"])
        await expect(editor.node(id).getByTestId("run-status")).toHaveAttribute("data-status", "succeeded", {
          timeout: 15_000,
        });
    }
    await tabB.page.getByRole("button", { name: "Runs", exact: true }).click();
    await expect(tabB.page.locator('[data-trigger-kind="webhook"]').first()).toHaveText("Orders");
    await expect(tabB.page.getByText(/Fired by its webhook/).first()).toBeVisible();

    // A retried delivery with the same key gets the first run back, and no second run starts.
    const replay = await signedPost(url, secret, body, { "idempotency-key": "order-42" });
    expect(replay.headers.get("tryliate-run-id")).toBe(runId);
    const { rows } = await sql(
      "select count(*)::int as n from public.executions where workflow_id = $1 and trigger_key = 'order-42'",
      [workflowId],
    );
    expect(rows[0].n).toBe(1);

    const forged = await signedPost(url, "whsec_not-the-secret", body);
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: "webhooks.unauthorized" } });

    await active.click();
    await expect(active).toHaveAttribute("aria-checked", "false");
    expect((await signedPost(url, secret, body)).status).toBe(404);
    await tabB.context.close();
  });

  test("activation refused names and marks the node; a test event shows its payload while inactive", async ({
    loggedInPage,
    workerUser,
  }) => {
    const workflowId = await seedWebhookWorkflow(workerUser.id, { nothing: 1 });
    const editor = new EditorPage(loggedInPage);
    await editor.page.goto(`/workflows/${workflowId}`);
    await editor.ready();
    const { url, secret } = await makeUrlAndSecret(editor);

    await editor.page.getByTestId("active-switch").click();
    await expect(editor.page.getByRole("alert").filter({ hasText: "not activated" })).toContainText(
      '"echo" (echo)',
    );
    await expect(editor.node("echo")).toHaveClass(/run-refused/);
    await expect(editor.page.getByTestId("active-switch")).toHaveAttribute("aria-checked", "false");

    await editor.page.getByRole("button", { name: "Listen for a test event" }).click();
    await expect(editor.page.getByText("Listening for a test event…")).toBeVisible();
    const caught = await signedPost(url, secret, JSON.stringify({ text: "sample" }));
    expect(caught.status).toBe(200);
    await expect(editor.page.getByText(/^Test event/)).toBeVisible({ timeout: 10_000 });
    await expect(editor.page.getByRole("complementary", { name: "Inspector" })).toContainText('"sample"');
  });
});
