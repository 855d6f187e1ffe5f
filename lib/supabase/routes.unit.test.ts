import { describe, expect, it } from "vitest";
import { isProtectedPath, safeNextPath, safeRedirectPath } from "./routes";

describe("isProtectedPath", () => {
  it.each(["/workflows", "/workflows/123", "/account", "/mfa", "/reset-password"])(
    "%s needs a session",
    (path) => {
      expect(isProtectedPath(path)).toBe(true);
    },
  );
  it.each([
    "/",
    "/login",
    "/signup",
    "/forgot-password",
    "/auth/signout",
    "/auth/confirm",
    "/api/trpc/users.me",
  ])("%s does not", (path) => {
    expect(isProtectedPath(path)).toBe(false);
  });
});

describe("safeNextPath", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeNextPath("/account")).toBe("/account");
    expect(safeNextPath("/workflows/1?tab=runs")).toBe("/workflows/1?tab=runs");
  });
  it.each([
    null,
    undefined,
    "",
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "/login",
    "/signup?x=1",
    "/forgot-password",
    "/mfa?next=/mfa",
  ])("sends %s to the workflows list", (next) => {
    expect(safeNextPath(next)).toBe("/workflows");
  });

  // What `searchParams.get("next")` returns for `/%09/evil.example`, `/%0A/…`, `/%0D/…`,
  // `/%09%5C…`, `/.%2F%2F…`: characters the URL parser drops or folds until `//` appears.
  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\t\\evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "/%2e//evil.example",
    "/\\\tevil.example",
  ])("refuses %j, which a URL parser turns into another origin", (next) => {
    expect(safeNextPath(next)).toBe("/workflows");
  });

  it.each([
    "/workflows",
    "/account?x=1#top",
    "/\t/evil.example",
    "/.//evil.example",
    "/a/../\t/evil.example",
    "/%2F%2Fevil.example",
  ])("whatever it returns for %j stays on the app's origin when followed", (next) => {
    const origin = "https://app.example";
    const target = safeNextPath(next);
    expect(new URL(target, `${origin}/login`).origin).toBe(origin);
    expect(target.startsWith("//")).toBe(false);
  });
});

describe("safeRedirectPath", () => {
  const app = "https://app.example";
  it("takes a whole URL on the app's own origin as its path, through the same check", () => {
    expect(safeRedirectPath("https://app.example/account?x=1", app)).toBe("/account?x=1");
    expect(safeRedirectPath("https://app.example/login", app)).toBe("/workflows");
    expect(safeRedirectPath("/connections", app)).toBe("/connections");
  });
  it.each([
    "https://evil.example/account",
    "http://app.example/account",
    "https://app.example.evil/x",
    "javascript:alert(1)",
    "not a url",
  ])("refuses %j", (next) => {
    expect(safeRedirectPath(next, app)).toBe("/workflows");
  });
});
