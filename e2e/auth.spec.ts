import { expect, test } from "./fixtures";
import {
  grantAdmin,
  readSessionCookie,
  sessionCookies,
  uniqueCredentials,
  writeSessionCookie,
} from "./fixtures/users";
import { AuthPages, atPath } from "./pages/auth";

test.describe("sign-up, sign-in and sign-out", () => {
  test("a new visitor signs up, lands on the workflows list and sees their account", async ({ page }) => {
    const auth = new AuthPages(page);
    const person = uniqueCredentials("signup");
    await auth.gotoSignup();
    await auth.signUp(person.displayName, person.email, person.password);
    await auth.finishSignUp(person.email);
    await page.waitForURL(atPath("/workflows"));

    await page.goto("/account");
    await auth.expectSignedInAs(person.displayName);
    await expect(page.getByLabel("Display name")).toHaveValue(person.displayName);
    await auth.accountMenuButton(person.displayName).click();
    await expect(page.getByTestId("account-email")).toHaveText(person.email);
  });

  test("signing up with an email that exists says what a new address hears (no account enumeration)", async ({
    page,
    workerUser,
  }) => {
    const auth = new AuthPages(page);
    const checkInbox = page.getByRole("status").filter({ hasText: "Check your inbox" });
    await auth.gotoSignup();
    await auth.signUp("Someone Else", workerUser.email, "another-long-password");
    await expect(checkInbox).toBeVisible();
    const forExisting = ((await checkInbox.textContent()) ?? "").replace(workerUser.email, "<address>");
    expect(forExisting).toContain("If it already has an account, sign in instead");
    await expect(page).toHaveURL(atPath("/signup"));

    // A new address, where the project confirms sign-ups by email, hears the very same words.
    const person = uniqueCredentials("same-words");
    await auth.gotoSignup();
    await auth.signUp(person.displayName, person.email, person.password);
    await expect(checkInbox.or(page.getByRole("heading", { name: "Workflows", level: 1 }))).toBeVisible();
    test.skip(!(await checkInbox.isVisible()), "the project signs new addresses in at once (autoconfirm)");
    expect(((await checkInbox.textContent()) ?? "").replace(person.email, "<address>")).toBe(forExisting);
  });

  test("a weak password is refused with the rule to follow", async ({ page }) => {
    const auth = new AuthPages(page);
    const person = uniqueCredentials("weak");
    await auth.gotoSignup();
    await auth.signUp(person.displayName, person.email, "abc");
    await expect(auth.errorAlert).toContainText(/password/i);
    await expect(auth.errorAlert).toContainText(/characters/i);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("abc");
  });

  test("a wrong password shows a clear message, keeps the email, then the right one signs in", async ({
    page,
    workerUser,
  }) => {
    const auth = new AuthPages(page);
    await auth.gotoLogin();
    await auth.signIn(workerUser.email, "definitely-not-the-password");
    await expect(auth.errorAlert).toHaveText(
      "That email and password don't match. Check them and try again.",
    );
    await expect(page.getByLabel("Email")).toHaveValue(workerUser.email);
    await expect(page).toHaveURL(atPath("/login"));

    await page.getByLabel("Password", { exact: true }).fill(workerUser.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(atPath("/workflows"));
  });

  test("signing out ends the session: app pages send you back to sign in", async ({
    loggedInPage: page,
    workerUser,
  }) => {
    const auth = new AuthPages(page);
    await page.goto("/account");
    await auth.expectSignedInAs(workerUser.displayName);
    await auth.signOut(workerUser.displayName);

    await page.goto("/account");
    await expect(page).toHaveURL(atPath("/login", "?next=%2Faccount"));
    const cookies = await page.context().cookies();
    expect(cookies.filter((cookie) => cookie.name.startsWith("sb-") && cookie.value)).toEqual([]);
  });
});

test.describe("protected pages", () => {
  test("/account → /login?next=/account → back to /account after signing in", async ({
    page,
    workerUser,
  }) => {
    const auth = new AuthPages(page);
    await page.goto("/account");
    await expect(page).toHaveURL(atPath("/login", "?next=%2Faccount"));
    await auth.signIn(workerUser.email, workerUser.password);
    await page.waitForURL(atPath("/account"));
    await auth.expectSignedInAs(workerUser.displayName);
  });

  test("the session survives a reload", async ({ loggedInPage: page, workerUser }) => {
    const auth = new AuthPages(page);
    await page.goto("/account");
    await auth.expectSignedInAs(workerUser.displayName);
    await page.reload();
    await expect(page).toHaveURL(atPath("/account"));
    await auth.expectSignedInAs(workerUser.displayName);
  });

  test("the proxy refreshes a session about to expire and stores the new tokens", async ({
    page,
    baseURL,
    workerUser,
  }) => {
    const [cookie, ...rest] = await sessionCookies(workerUser);
    expect(cookie, "one unchunked auth cookie").toBeDefined();
    expect(rest).toEqual([]);
    if (!cookie) return;
    const session = readSessionCookie(cookie);
    // Claims to expire in 10 s: inside @supabase/ssr's refresh margin, so the proxy must refresh.
    const aging = writeSessionCookie(cookie.name, {
      ...session,
      expires_at: Math.floor(Date.now() / 1000) + 10,
    });
    const host = new URL(baseURL ?? "").hostname;
    await page.context().addCookies([{ ...aging, domain: host, path: "/", sameSite: "Lax" }]);

    await page.goto("/account");
    await new AuthPages(page).expectSignedInAs(workerUser.displayName);
    const stored = (await page.context().cookies()).find((c) => c.name === cookie.name);
    expect(stored).toBeDefined();
    const refreshed = readSessionCookie({ name: cookie.name, value: stored?.value ?? "" });
    expect(refreshed.refresh_token).not.toBe(session.refresh_token);
    expect(refreshed.access_token).not.toBe(session.access_token);
    expect(refreshed.expires_at ?? 0).toBeGreaterThan(Math.floor(Date.now() / 1000) + 60);
  });

  test("a signed-in visitor of /login goes to the workflows list", async ({ loggedInPage: page }) => {
    await page.goto("/login");
    await expect(page).toHaveURL(atPath("/workflows"));
  });

  test("the API refuses a signed-out caller with UNAUTHORIZED", async ({ request }) => {
    const response = await request.get("/api/trpc/users.me");
    expect(response.status()).toBe(401);
    const body = await response.json();
    expect(body.error.json.data.code).toBe("UNAUTHORIZED");
  });
});

test.describe("profile", () => {
  test("the profile saves, rejects a non-https avatar, and the header follows", async ({
    loggedInPage: page,
    makeUser,
    signIn,
  }) => {
    const user = await makeUser("profile");
    await page.context().clearCookies();
    await signIn(page, user);
    const auth = new AuthPages(page);
    await page.goto("/account");

    await page.getByLabel("Avatar URL").fill("http://insecure.example.test/me.png");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Avatar URL must be an https:// address.")).toBeVisible();

    await page.getByLabel("Avatar URL").fill("");
    await page.getByLabel("Display name").fill("Renamed Person");
    await page.getByLabel("Hex").fill("#22aa88");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Profile saved.")).toBeVisible();
    await auth.expectSignedInAs("Renamed Person");

    await page.reload();
    await expect(page.getByLabel("Display name")).toHaveValue("Renamed Person");
    await expect(page.getByLabel("Hex")).toHaveValue("#22aa88");
  });
});

test.describe("administrators", () => {
  test("an admin sees instance counts on the account page; others do not", async ({
    page,
    makeUser,
    signIn,
  }) => {
    const member = await makeUser("member");
    await signIn(page, member);
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Instance" })).toHaveCount(0);

    const admin = await makeUser("admin");
    await grantAdmin(admin);
    await page.context().clearCookies();
    await signIn(page, admin);
    await page.goto("/account");
    const instance = page.getByRole("region", { name: "Instance" });
    await expect(instance).toBeVisible();
    await expect(instance.getByText("Users")).toBeVisible();
  });
});
