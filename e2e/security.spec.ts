import { createClient, type RealtimeChannel } from "@supabase/supabase-js";
import ws from "ws";
import { expect, test } from "./fixtures";
import { e2eStack } from "./fixtures/stack";
import { AuthPages, atPath } from "./pages/auth";
import { LiveEditorPage, workflowIdOf } from "./pages/live";

// Regression tests of an adversarial run against the running app (issue: security).

const realtime = typeof globalThis.WebSocket === "undefined" ? { transport: ws as never } : {};

test.describe("sign-in redirects", () => {
  for (const next of [
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%0D/evil.example",
    "/%09%5Cevil.example",
    "/.%2F%2Fevil.example",
  ]) {
    test(`a signed-in visit of /login?next=${next} stays on the app`, async ({
      loggedInPage: page,
      baseURL,
    }) => {
      const response = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
      expect(response.status()).toBe(307);
      const location = response.headers().location ?? "";
      expect(new URL(location, baseURL).origin).toBe(new URL(baseURL ?? "").origin);
    });
  }
});

test.describe("forms", () => {
  test.use({ javaScriptEnabled: false });

  test("the sign-in form submitted before hydration posts: no password in the URL", async ({
    page,
    workerUser,
  }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(workerUser.email);
    await page.getByLabel("Password", { exact: true }).fill(workerUser.password);
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.isNavigationRequest() && r.url().includes("/login")),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    expect(request.method()).toBe("POST");
    expect(request.url()).not.toContain(encodeURIComponent(workerUser.password));
    expect(page.url()).not.toContain("password");
  });
});

test.describe("cross-origin posts", () => {
  test("sign-out posted from another origin of the same site is refused and the session stays", async ({
    loggedInPage: page,
    baseURL,
    workerUser,
  }) => {
    const foreign = new URL(baseURL ?? "");
    foreign.port = String(Number(foreign.port) + 1);
    const response = await page.request.post("/auth/signout", {
      headers: { origin: foreign.origin, "sec-fetch-site": "same-site" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    await page.goto("/account");
    await new AuthPages(page).expectSignedInAs(workerUser.displayName);

    // From the app's own page it still works.
    await new AuthPages(page).signOut(workerUser.displayName);
    await expect(page).toHaveURL(atPath("/login"));
  });
});

test.describe("the workflow's live channel", () => {
  test("an outsider with the publishable key and the workflow id adds no presence, cursor or avatar fetch", async ({
    loggedInPage: page,
    workerUser,
    makeUser,
  }) => {
    const owner = new LiveEditorPage(page);
    await page.goto("/workflows");
    await page.getByRole("button", { name: "New workflow" }).first().click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
    await owner.ready();
    await owner.live();
    const workflowId = workflowIdOf(page);
    const tracked: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("spoof.invalid") || request.url().includes(":9/"))
        tracked.push(request.url());
    });

    // An intruder signed in as another user, and a bare client with only the publishable key.
    const intruder = await makeUser("intruder");
    const clients = [0, 1].map(() =>
      createClient(e2eStack.supabaseUrl, e2eStack.publishableKey, {
        auth: { persistSession: false, autoRefreshToken: false },
        realtime,
      }),
    );
    const signedIn = await clients[0]?.auth.signInWithPassword({
      email: intruder.email,
      password: intruder.password,
    });
    expect(signedIn?.error).toBeNull();
    await clients[0]?.realtime.setAuth();
    const spoof = {
      userId: workerUser.id,
      name: "Spoofed owner",
      color: "#000000",
      avatarUrl: "http://127.0.0.1:9/t.gif",
    };
    const statuses: string[] = [];
    const channels: RealtimeChannel[] = [];
    for (const [index, client] of clients.entries()) {
      for (const isPrivate of [true, false]) {
        const tabId = `spoof-${index}-${isPrivate}`;
        const channel = client.channel(`workflow:${workflowId}`, {
          config: { private: isPrivate, presence: { key: `${workerUser.id}/${tabId}` } },
        });
        channels.push(channel);
        const status = await new Promise<string>((resolve) => channel.subscribe((state) => resolve(state)));
        statuses.push(`${index}:${isPrivate}:${status}`);
        if (status !== "SUBSCRIBED") {
          await client.removeChannel(channel);
          continue;
        }
        await channel.track({ ...spoof, tabId });
        for (let i = 0; i < 5; i++) {
          await channel.send({ type: "broadcast", event: "cursor", payload: { tabId, x: 10 * i, y: 10 } });
        }
      }
    }
    // The private joins are refused; the public ones are another room the canvas never hears.
    expect(statuses).toEqual([
      "0:true:CHANNEL_ERROR",
      "0:false:SUBSCRIBED",
      "1:true:CHANNEL_ERROR",
      "1:false:SUBSCRIBED",
    ]);
    await page.waitForTimeout(1_000);
    await expect(owner.presence).toHaveCount(0);
    await expect(owner.cursors).toHaveCount(0);
    expect(tracked).toEqual([]);
    for (const client of clients) await client.removeAllChannels();
  });
});
