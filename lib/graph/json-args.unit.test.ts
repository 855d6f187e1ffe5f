import { describe, expect, it } from "vitest";
import { checkJsonArgs } from "./json-args";

const schema = {
  type: "object",
  properties: { city: { type: "string" }, days: { type: "integer" } },
  required: ["city"],
  additionalProperties: false,
};

describe("checkJsonArgs", () => {
  it("accepts fitting arguments and any JSON without a schema", () => {
    expect(checkJsonArgs('{"city":"Lyon","days":3}', schema)).toEqual([]);
    expect(checkJsonArgs("[1]", null)).toEqual([]);
  });

  it("explains what does not fit, one clause per argument", () => {
    expect(checkJsonArgs("{", schema)[0]).toMatch(/^not valid JSON/);
    expect(checkJsonArgs("[]", schema)).toEqual(["the arguments must be an object"]);
    expect(checkJsonArgs('{"days":1.5,"x":1}', schema).sort()).toEqual([
      "city: required",
      "days: must be a whole number",
      "x: not a parameter of this tool",
    ]);
  });
});
