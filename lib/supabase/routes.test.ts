import { describe, expect, it } from "vitest";
import { isProtectedPath, safeNextPath } from "./routes";

describe("isProtectedPath", () => {
  it.each(["/workflows", "/workflows/123", "/account"])("%s needs a session", (path) => {
    expect(isProtectedPath(path)).toBe(true);
  });
  it.each(["/", "/login", "/signup", "/auth/signout", "/api/trpc/users.me"])("%s does not", (path) => {
    expect(isProtectedPath(path)).toBe(false);
  });
});

describe("safeNextPath", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeNextPath("/account")).toBe("/account");
    expect(safeNextPath("/workflows/1?tab=runs")).toBe("/workflows/1?tab=runs");
  });
  it.each([null, undefined, "", "https://evil.example", "//evil.example", "/\\evil.example", "/login", "/signup?x=1"])(
    "sends %s to the workflows list",
    (next) => {
      expect(safeNextPath(next)).toBe("/workflows");
    },
  );
});
