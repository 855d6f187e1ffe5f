import { describe, expect, it } from "vitest";
import { displayableAvatarUrl } from "./avatar-url";

const STACK = "http://127.0.0.1:54321";

describe("displayableAvatarUrl", () => {
  it.each(["https://images.example.com/me.png", `${STACK}/storage/v1/object/public/avatars/me.png`])(
    "shows %s",
    (url) => {
      expect(displayableAvatarUrl(url, STACK)).toBe(url);
    },
  );

  it.each([
    null,
    undefined,
    "",
    "http://intranet.local/track.gif",
    "http://127.0.0.1:3000/api/trpc/workflows.delete",
    "http://127.0.0.1:54322/x.png",
    "javascript:alert(1)",
    "data:image/svg+xml,<svg/>",
    "//evil.example/a.png",
    "not a url",
  ])("refuses %j", (url) => {
    expect(displayableAvatarUrl(url, STACK)).toBeNull();
  });
});
