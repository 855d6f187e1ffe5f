import { describe, expect, it } from "vitest";
import { sameJson } from "./same-json";

describe("sameJson", () => {
  it("ignores key order, as jsonb reorders keys", () => {
    expect(sameJson({ label: "a", args: "{}", tool: null }, { tool: null, args: "{}", label: "a" })).toBe(
      true,
    );
    expect(sameJson({ a: { b: [1, { c: 2, d: 3 }] } }, { a: { b: [1, { d: 3, c: 2 }] } })).toBe(true);
  });

  it("tells different values, shapes and array orders apart", () => {
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson("1", 1)).toBe(false);
  });

  it("treats an undefined field as absent", () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });
});
