import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, localStackOnly, test } from "./fixtures";
import { e2eStack } from "./fixtures/stack";
import { grantAdmin } from "./fixtures/users";
import { ConnectionsPage } from "./pages/connections";
import { EditorPage } from "./pages/editor";

// The servers the local stack starts and registers; a deployment has its own registry.
const usesDemoServers = "it uses the demo MCP servers the local stack starts and registers";
const demoUrl = `http://127.0.0.1:${e2eStack.mcpPorts.everything}/mcp`;

test.describe("MCP registry and connections", () => {
  // Each step talks to real MCP servers on a shared, busy machine.
  test.slow();
  test("an admin registers the demo server and refreshes it; everyone finds it by search and tag", async ({
    page,
    makeUser,
    signIn,
  }) => {
    localStackOnly(usesDemoServers);
    const admin = await makeUser("mcp-admin");
    await grantAdmin(admin);
    await signIn(page, admin);
    const name = `Demo ${randomUUID().slice(0, 6)}`;

    await page.goto("/registry/manage");
    const form = page.getByRole("form", { name: "Add a registry entry" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("URL").fill("not a url");
    await form.getByRole("button", { name: "Add" }).click();
    await expect(form.getByRole("alert")).toContainText("is not a valid URL");

    await form.getByLabel("URL").fill(demoUrl);
    await form.getByLabel("Tags").fill("e2e, demo");
    await form.getByRole("button", { name: "Add" }).click();
    await expect(page.getByText(/Saved: \d+ tools discovered/)).toBeVisible({ timeout: 30_000 });

    const card = page.getByRole("listitem", { name });
    await card.getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByText(/Refreshed: \d+ tools discovered/)).toBeVisible({ timeout: 30_000 });
    await expect(card.getByText("streamable-http")).toBeVisible();

    const user = await makeUser("mcp-reader");
    await page.context().clearCookies();
    await signIn(page, user);
    await page.goto("/registry");
    await page.getByRole("searchbox", { name: "Search the registry" }).fill(name);
    await expect(page.getByRole("listitem", { name })).toBeVisible();
    await expect(page.getByRole("listitem")).toHaveCount(1);
    await page.getByRole("searchbox", { name: "Search the registry" }).fill("");
    await page.getByRole("button", { name: "oauth", exact: true }).click();
    await expect(page.getByRole("listitem", { name: "OAuth demo" })).toBeVisible();
    await expect(page.getByRole("listitem", { name })).toHaveCount(0);
  });

  test("a user connects with an API key and with OAuth, verifies, and revokes", async ({
    page,
    makeUser,
    signIn,
  }) => {
    localStackOnly(usesDemoServers);
    // A user of its own: revoking the worker user's connection would fail its later runs' tool steps.
    await signIn(page, await makeUser("revoker"));
    await page.goto("/connections");
    const everything = page.getByRole("listitem", { name: "Everything (demo)" });
    await expect(everything.getByTestId("connection-status")).toHaveText("idle");
    await everything.getByRole("button", { name: "Connect" }).click();
    await everything.getByLabel("Header").fill("X-Api-Key");
    await everything.getByLabel("Key or token").fill("e2e-secret-key");
    await everything.getByRole("button", { name: "Connect and verify" }).click();
    await expect(everything.getByTestId("connection-status")).toHaveText("verified", { timeout: 30_000 });
    await expect(page.getByText("e2e-secret-key")).toHaveCount(0);

    const oauth = await new ConnectionsPage(page).connectWithOAuth("OAuth demo", "oauth-demo");

    await oauth.getByRole("button", { name: "Verify" }).click();
    await expect(oauth.getByText(/Verified: 2 tools available/)).toBeVisible({ timeout: 30_000 });

    for (const card of [oauth, everything]) {
      await page.goto("/connections");
      await card.getByRole("button", { name: "Revoke" }).click();
      await expect(card.getByTestId("connection-status")).toHaveText("revoked", { timeout: 30_000 });
    }
  });

  test("an OAuth callback with an unknown state changes nothing and says why", async ({
    loggedInPage: page,
  }) => {
    await page.goto("/api/mcp/oauth/callback?state=forged&code=whatever");
    await expect(page).toHaveURL(/\/connections\?error=/);
    await expect(
      page.getByRole("alert").filter({ hasText: "unknown, expired or was already used" }),
    ).toBeVisible();
  });
});

/** A new workflow with one MCP tool node, selected, on the demo server. */
async function toolNodeOnDemoServer(page: Page) {
  await page.goto("/workflows");
  await page.getByRole("button", { name: "New workflow" }).first().click();
  await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
  const editor = new EditorPage(page);
  await editor.ready();
  const tool = await editor.addFromPalette("MCP tool");
  await editor.select(tool);
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  await inspector.getByLabel("MCP server").selectOption("everything");
  return { editor, tool, inspector };
}

test.describe("the MCP tool node", () => {
  localStackOnly(usesDemoServers);
  test("picks the demo server and a tool, fills the generated form, sees a schema error and fixes it", async ({
    loggedInPage: page,
  }) => {
    const { editor, tool, inspector } = await toolNodeOnDemoServer(page);
    // The demo server answers without credentials: nothing to connect.
    await expect(inspector.getByTestId("connection-hint")).toContainText("needs no credentials");
    await inspector.getByLabel("Tool").selectOption("get-sum");
    await expect(inspector.getByText(/two numbers/i)).toBeVisible();
    const a = inspector.getByLabel("a *", { exact: true });
    const b = inspector.getByLabel("b *", { exact: true });
    await a.fill("2");
    // b is required and still empty: the error shows at that field.
    await expect(inspector.getByRole("alert").filter({ hasText: "Required." })).toHaveCount(1);
    await b.fill("3");
    await expect(inspector.getByRole("alert")).toHaveCount(0);
    await inspector.getByRole("button", { name: "JSON" }).click();
    await expect(inspector.getByLabel("Arguments (JSON)")).toHaveValue(/"a": 2[\s\S]*"b": 3/);
    await expect(editor.node(tool)).toContainText("everything · get-sum");
    await expect(editor.node(tool)).not.toContainText("not connected");
  });

  test("keeps a half-typed number, and takes a template in a number field in both views", async ({
    loggedInPage: page,
  }) => {
    const { inspector } = await toolNodeOnDemoServer(page);
    await inspector.getByLabel("Tool").selectOption("get-sum");
    const a = inspector.getByLabel("a *", { exact: true });
    await inspector.getByLabel("b *", { exact: true }).fill("3");

    await a.pressSequentially("1e");
    await expect(a).toHaveValue("1e");
    await expect(inspector.getByText("Not a number yet")).toBeVisible();
    await a.pressSequentially("3");
    await expect(a).toHaveValue("1e3");
    await expect(inspector.getByText("Not a number yet")).toHaveCount(0);

    await a.fill("{{ input.x }}");
    await expect(a).toHaveValue("{{ input.x }}");
    await expect(inspector.getByRole("alert")).toHaveCount(0);
    await inspector.getByRole("button", { name: "JSON" }).click();
    const json = inspector.getByLabel("Arguments (JSON)");
    await expect(json).toHaveValue(/"a": "\{\{ input\.x \}\}"/);
    await expect(json).toHaveValue(/"b": 3/);
    await expect(inspector.getByText("Must be a number")).toHaveCount(0);
    await inspector.getByRole("button", { name: "Form" }).click();
    await expect(inspector.getByLabel("a *", { exact: true })).toHaveValue("{{ input.x }}");
    await expect(inspector.getByText("Must be a number")).toHaveCount(0);
  });
});
