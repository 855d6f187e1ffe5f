import pg from "pg";
import { expect, test } from "./fixtures";
import { e2eStack } from "./fixtures/stack";
import { AccountPages } from "./pages/accounts";
import { AuthPages, atPath } from "./pages/auth";

test.describe("delete account", () => {
  test("after the typed confirmation the account and its data are gone", async ({
    page,
    makeUser,
    signIn,
  }) => {
    const user = await makeUser("delete");
    await signIn(page, user);
    await page.goto("/workflows");
    await page.getByRole("button", { name: "Create your first workflow" }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);

    await page.goto("/account");
    const section = new AccountPages(page).section("Delete account");
    const confirm = section.getByRole("button", { name: "Delete my account" });
    await section.getByLabel(/to confirm/).fill("delete my acount");
    await expect(confirm).toBeDisabled();
    // The server checks the phrase too.
    const refused = await page.request.post("/api/trpc/users.deleteAccount", {
      data: { json: { confirmation: "yes" } },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(refused.status()).toBe(400);

    await section.getByLabel(/to confirm/).fill("delete my account");
    await confirm.click();
    await page.waitForURL(atPath("/login", "?deleted=1"));
    await expect(page.getByText("Your account and all its data were deleted.")).toBeVisible();

    const auth = new AuthPages(page);
    await auth.signIn(user.email, user.password);
    await expect(auth.errorAlert).toContainText("don't match");

    if (e2eStack.remote) return;
    const db = new pg.Client({ connectionString: e2eStack.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `select (select count(*)::int from auth.users where id = $1) as auth_users,
                (select count(*)::int from public.users where id = $1) as profiles,
                (select count(*)::int from public.workflows where user_id = $1) as workflows`,
        [user.id],
      );
      expect(rows[0]).toEqual({ auth_users: 0, profiles: 0, workflows: 0 });
    } finally {
      await db.end();
    }
  });
});
