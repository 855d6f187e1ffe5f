import { describe, expect, it } from "vitest";
import { processSingleton } from "./process-singleton";

describe("processSingleton", () => {
  it("makes the value once and hands the same one to every caller", () => {
    let made = 0;
    const create = () => ({ n: ++made });
    const first = processSingleton("test:once", create);
    expect(processSingleton("test:once", create)).toBe(first);
    expect(made).toBe(1);
  });

  it("keeps the value on globalThis, where a second bundle of the module finds it", () => {
    const value = processSingleton("test:shared", () => ({}));
    const store = (globalThis as Record<symbol, Map<string, unknown> | undefined>)[
      Symbol.for("tryliate.process-singletons")
    ];
    expect(store?.get("test:shared")).toBe(value);
  });

  it("makes nothing when the maker throws, so the next call tries again", () => {
    expect(() =>
      processSingleton("test:throws", () => {
        throw new Error("not yet");
      }),
    ).toThrow("not yet");
    expect(processSingleton("test:throws", () => 1)).toBe(1);
  });
});
