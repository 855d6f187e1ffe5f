import { expect, test } from "./fixtures";
import { e2eStack } from "./fixtures/stack";
import { LiveEditorPage } from "./pages/live";

// The security headers on real responses of the production build (next start, or a deployment in
// remote mode), and the app working whole under its Content-Security-Policy.

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

const supabase = new URL(e2eStack.supabaseUrl);
const websocket = `${supabase.protocol === "https:" ? "wss:" : "ws:"}//${supabase.host}`;

test.describe("security headers", () => {
  test("every page carries a nonce CSP, HSTS, nosniff, a strict referrer policy and no framing", async ({
    request,
  }) => {
    const nonces = new Set<string>();
    for (const path of ["/", "/login", "/signup", "/workflows"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      const csp = directives(headers["content-security-policy"] ?? "");
      const script = csp.get("script-src") ?? [];
      const nonce = script.find((value) => value.startsWith("'nonce-"))?.slice(7, -1);
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      nonces.add(nonce as string);
      expect(script).toContain("'strict-dynamic'");
      expect(script).not.toContain("'unsafe-inline'");
      // The tool argument form validates without generated code: no eval in production.
      expect(script).not.toContain("'unsafe-eval'");
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("connect-src")).toEqual(["'self'", supabase.origin, websocket]);
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["strict-transport-security"]).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
    }
    expect(nonces.size).toBe(4);
  });

  test("every script the server renders carries the request's nonce", async ({ request }) => {
    const response = await request.get("/login");
    const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(2);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  test("static files get the static headers too", async ({ request, page }) => {
    await page.goto("/login");
    const asset = await page.evaluate(() => document.querySelector<HTMLScriptElement>("script[src]")?.src);
    const response = await request.get(asset as string);
    expect(response.ok()).toBe(true);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["strict-transport-security"]).toMatch(/^max-age=/);
  });

  test("sign-in, the editor and its live channel work without a single CSP violation; the session cookie is Secure", async ({
    page,
    makeUser,
  }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const user = await makeUser("csp");
    await page.goto("/login");
    const form = page.getByRole("form", { name: "Sign in" });
    await form.getByLabel("Email").fill(user.email);
    await form.getByLabel("Password", { exact: true }).fill(user.password);
    await form.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/workflows");

    const session = (await page.context().cookies()).filter((cookie) =>
      /^sb-.*-auth-token/.test(cookie.name),
    );
    expect(session.length).toBeGreaterThan(0);
    for (const cookie of session)
      expect(cookie, cookie.name).toMatchObject({ secure: true, sameSite: "Lax" });

    await page.getByRole("button", { name: "Create your first workflow" }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
    const editor = new LiveEditorPage(page);
    await editor.ready();
    await editor.live();
    await editor.addFromPalette("Note");
    await editor.expectSaved();
    expect(violations).toEqual([]);
  });

  test("GET /api/health: ok, JSON, nothing secret", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    const body = await response.json();
    expect(body).toMatchObject({
      status: "ok",
      checks: {
        database: { ok: true },
        migrations: { ok: true },
        auth: { ok: true },
        runs: { ok: true },
        assistant: { ok: true },
      },
    });
    if (!e2eStack.remote) {
      // The e2e stack: a long-running server (the in-process engine) and the scripted model server.
      expect(body.checks.runs).toEqual({ ok: true, engine: "in-process", serverless: false });
      expect(body.checks.assistant).toEqual({
        ok: true,
        configured: true,
        provider: "openai-compatible",
        model: "scripted",
      });
    }
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/postgres(ql)?:\/\/|sb_secret_|service_role|password/i);
    if (e2eStack.secretKey) expect(text).not.toContain(e2eStack.secretKey);
  });
});
