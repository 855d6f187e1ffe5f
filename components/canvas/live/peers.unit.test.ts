import { describe, expect, it } from "vitest";
import { peersFromPresence, presenceKey } from "./peers";

const ME = "11111111-1111-4111-8111-111111111111";
const meta = (userId: string, tabId: string, extra: Record<string, unknown> = {}) => ({
  userId,
  tabId,
  name: "Ann",
  color: "#6366f1",
  avatarUrl: null,
  presence_ref: "r",
  ...extra,
});

describe("peersFromPresence", () => {
  it("keeps entries whose presence key is their own user and tab, except this tab", () => {
    const state = {
      [presenceKey(ME, "tab-1")]: [meta(ME, "tab-1")],
      [presenceKey(ME, "tab-2")]: [meta(ME, "tab-2")],
    };
    expect(peersFromPresence(state, "tab-1")).toEqual([
      { tabId: "tab-2", userId: ME, name: "Ann", color: "#6366f1", avatarUrl: null },
    ]);
  });

  it.each([
    ["a userId that is not the key's", { "22222222-2222-4222-8222-222222222222/tab-9": [meta(ME, "tab-9")] }],
    ["a tabId that is not the key's", { [presenceKey(ME, "tab-3")]: [meta(ME, "tab-4")] }],
    ["a key of another shape (an old client, a random key)", { "tab-5": [meta(ME, "tab-5")] }],
    ["a userId that is no string", { [`${ME}/tab-6`]: [meta(ME, "tab-6", { userId: 42 })] }],
  ])("ignores an entry with %s", (_, state) => {
    expect(peersFromPresence(state as never, "tab-1")).toEqual([]);
  });

  it("reads names and colours defensively", () => {
    const state = {
      [presenceKey(ME, "t")]: [meta(ME, "t", { name: { evil: true }, color: "red; background:url(x)" })],
    };
    expect(peersFromPresence(state, "other")).toEqual([
      { tabId: "t", userId: ME, name: "Someone", color: null, avatarUrl: null },
    ]);
  });
});
