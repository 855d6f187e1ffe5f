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

  it("explains what does not fit", () => {
    expect(checkJsonArgs("{", schema)[0]).toMatch(/^not valid JSON/);
    expect(checkJsonArgs("[]", schema)).toEqual(["arguments must be a JSON object"]);
    expect(checkJsonArgs('{"days":1.5,"x":1}', schema)).toEqual([
      '"city" is required',
      '"days" should be integer',
      '"x" is not an argument of this tool',
    ]);
  });
});
