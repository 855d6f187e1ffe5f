import { describe, expect, it } from "vitest";
import { accessRedirect, needsSecondFactor } from "./access";

const signedOut = { signedIn: false, needsSecondFactor: false };
const signedIn = { signedIn: true, needsSecondFactor: false };
const owesCode = { signedIn: true, needsSecondFactor: true };

describe("needsSecondFactor", () => {
  it.each([
    [{ currentLevel: "aal1", nextLevel: "aal2" }, true],
    [{ currentLevel: "aal2", nextLevel: "aal2" }, false],
    [{ currentLevel: "aal1", nextLevel: "aal1" }, false],
    [{ currentLevel: null, nextLevel: null }, false],
    [null, false],
  ])("%j → %s", (levels, expected) => {
    expect(needsSecondFactor(levels)).toBe(expected);
  });
});

describe("accessRedirect", () => {
  it("sends signed-out visitors of app pages (and the code prompt) to sign in, with where they were going", () => {
    expect(accessRedirect(signedOut, "/connections", "?tab=1")).toBe("/login?next=%2Fconnections%3Ftab%3D1");
    expect(accessRedirect(signedOut, "/mfa", "")).toBe("/login?next=%2Fmfa");
    expect(accessRedirect(signedOut, "/reset-password", "")).toBe("/login?next=%2Freset-password");
  });

  it("lets signed-out visitors use the sign-in pages and the auth routes", () => {
    for (const path of [
      "/login",
      "/signup",
      "/forgot-password",
      "/auth/confirm",
      "/auth/callback",
      "/auth/error",
      "/",
    ]) {
      expect(accessRedirect(signedOut, path, "")).toBeNull();
    }
  });

  it("asks a session that owes its second factor for the code before any app page", () => {
    expect(accessRedirect(owesCode, "/workflows", "")).toBe("/mfa?next=%2Fworkflows");
    expect(accessRedirect(owesCode, "/connections", "")).toBe("/mfa?next=%2Fconnections");
    expect(accessRedirect(owesCode, "/account", "")).toBe("/mfa?next=%2Faccount");
    expect(accessRedirect(owesCode, "/mfa", "?next=%2Fconnections")).toBeNull();
  });

  it("still lets such a session reach the auth routes (sign-out, links) and the API, which checks itself", () => {
    expect(accessRedirect(owesCode, "/auth/signout", "")).toBeNull();
    expect(accessRedirect(owesCode, "/api/trpc/connections.list", "")).toBeNull();
  });

  it("sends a session that needs no code off the prompt, to a safe next page", () => {
    expect(accessRedirect(signedIn, "/mfa", "?next=%2Fconnections")).toBe("/connections");
    expect(accessRedirect(signedIn, "/mfa", "?next=https%3A%2F%2Fevil.example")).toBe("/workflows");
    expect(accessRedirect(signedIn, "/mfa", "?next=%2Fmfa")).toBe("/workflows");
  });

  it("sends signed-in visitors off the sign-in pages and serves app pages", () => {
    expect(accessRedirect(signedIn, "/login", "?next=%2Faccount")).toBe("/account");
    expect(accessRedirect(signedIn, "/forgot-password", "")).toBe("/workflows");
    expect(accessRedirect(signedIn, "/connections", "")).toBeNull();
    expect(accessRedirect(signedIn, "/reset-password", "")).toBeNull();
  });
});
