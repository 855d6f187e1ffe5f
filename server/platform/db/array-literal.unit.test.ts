import { describe, expect, it } from "vitest";
import { arrayLiteral } from "./array-literal";

describe("arrayLiteral", () => {
  it("quotes every text, escaping backslashes and double quotes, and writes NULL for null", () => {
    expect(arrayLiteral(["a", 'say "hi"', "back\\slash", "{b,c}", "NULL", "", null])).toBe(
      '{"a","say \\"hi\\"","back\\\\slash","{b,c}","NULL","",NULL}',
    );
  });

  it("writes numbers as they are and refuses what Postgres could not store", () => {
    expect(arrayLiteral([1, -2.5, 1e21, null])).toBe("{1,-2.5,1e+21,NULL}");
    expect(() => arrayLiteral([Number.NaN])).toThrow("NaN cannot be stored as a number.");
    expect(arrayLiteral([])).toBe("{}");
  });
});
