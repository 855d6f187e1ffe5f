import { expect, test } from "./fixtures";

test.describe("workflows list", () => {
  test("empty state, create, rename, describe, search, duplicate, delete", async ({
    page,
    makeUser,
    signIn,
  }) => {
    const user = await makeUser("list");
    await signIn(page, user);
    await page.goto("/workflows");
    await expect(page.getByRole("heading", { name: "No workflows yet" })).toBeVisible();
    await page.getByRole("button", { name: "Create your first workflow" }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Untitled Workflow" })).toBeVisible();

    await page.goto("/workflows");
    await page.getByRole("button", { name: "Edit Untitled Workflow" }).click();
    await page.getByLabel("Workflow name").fill("Weather digest");
    await page.getByLabel("Description").fill("Mails the forecast");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("link", { name: "Weather digest" })).toBeVisible();
    await expect(page.getByText("Mails the forecast")).toBeVisible();

    await page.getByRole("button", { name: "Duplicate Weather digest" }).click();
    await expect(page.getByRole("link", { name: "Weather digest (copy)" })).toBeVisible();
    // Last edited first: the copy is the newest.
    await expect(page.getByTestId("workflow-row").first()).toContainText("Weather digest (copy)");

    await page.getByLabel("Search workflows by name").fill("copy");
    await expect(page.getByTestId("workflow-row")).toHaveCount(1);
    await page.getByLabel("Search workflows by name").fill("");
    await expect(page.getByTestId("workflow-row")).toHaveCount(2);

    await page.getByRole("button", { name: "Delete Weather digest (copy)" }).click();
    await page.getByRole("button", { name: "Delete for good" }).click();
    await expect(page.getByTestId("workflow-row")).toHaveCount(1);
    await page.reload();
    await expect(page.getByTestId("workflow-row")).toHaveCount(1);
  });
});
