import { describe, expect, it } from "vitest";
import { isStorableJson, isStorableText, jsonRecord, text } from "./storable";

describe("storable text", () => {
  it.each(["", "plain", "émoji 🚀 and 中文", "tab\tnewline\n", "\uFFFD"])("accepts %j", (value) => {
    expect(isStorableText(value)).toBe(true);
    expect(text().safeParse(value).success).toBe(true);
  });

  it.each(["\u0000", "a\u0000", "\uD800", "a\uDC00b", "\uDBFF\uDBFF\uDC00", "🚀".slice(0, 1)])(
    "refuses %j",
    (value) => {
      expect(isStorableText(value)).toBe(false);
      expect(text().safeParse(value).success).toBe(false);
    },
  );

  it("checks every string of a JSON value, keys included", () => {
    expect(isStorableJson({ a: [1, "ok", { b: null }] })).toBe(true);
    expect(isStorableJson({ a: [1, "o\u0000k"] })).toBe(false);
    expect(isStorableJson({ a: { "k\uD800": 1 } })).toBe(false);
    expect(jsonRecord().safeParse({ "\u0000": 1 }).success).toBe(false);
    expect(jsonRecord().safeParse({ deep: { list: ["x"] } }).success).toBe(true);
  });
});
