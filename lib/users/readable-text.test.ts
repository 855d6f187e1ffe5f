import { describe, expect, it } from "vitest";
import { readableTextOn } from "./readable-text";

describe("readableTextOn", () => {
  it("puts dark text on light colours and white on dark ones", () => {
    expect(readableTextOn("#22c55e")).toBe("#0d0f14");
    expect(readableTextOn("#f59e0b")).toBe("#0d0f14");
    expect(readableTextOn("#4338ca")).toBe("#ffffff");
    expect(readableTextOn("not a colour")).toBe("#ffffff");
  });
});
