import { expect, signedInTest as test } from "./fixtures";

// Hostile bodies against the running app, from a signed-in user so every body is read: each gets
// a sentence a person understands, and the server keeps serving afterwards.

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

test("hostile /api/trpc bodies get plain answers and the server stays up", async ({ page }) => {
  await page.goto("/workflows");
  const post = (body: string) =>
    page.request.post("/api/trpc/workflows.create", {
      headers: { "content-type": "application/json" },
      data: Buffer.from(body),
    });
  const messageOf = async (response: Awaited<ReturnType<typeof post>>) =>
    ((await response.json()) as { error: { json: { message: string } } }).error.json.message;

  const notJson = await post('{"json": {"name": "unterminated');
  expect(notJson.status()).toBe(400);
  expect(await messageOf(notJson)).toBe("The request is not valid JSON.");

  const huge = await post(JSON.stringify({ json: { name: "x".repeat(10 * 1024 * 1024) } }));
  expect(huge.status()).toBe(413);
  expect(await messageOf(huge)).toBe("The request is larger than the 8 MB the API accepts.");

  const deep = await post(`{"json": {"name": ${nested(100_000)}}}`);
  expect(deep.status()).toBe(400);
  expect(await messageOf(deep)).toBe("The request is nested more than 100 levels deep.");

  // Still up: a page renders and a normal call succeeds.
  const created = await post(JSON.stringify({ json: { name: "after the storm" } }));
  expect(created.status()).toBe(200);
  await page.goto("/workflows");
  await expect(page.getByText("after the storm")).toBeVisible();
});
