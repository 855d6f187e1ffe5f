import { describe, expect, it } from "vitest";
import { fieldKind, initialValue, parseArgsText, validateArgs } from "./tool-args";

const schema = {
  type: "object",
  properties: {
    message: { type: "string", minLength: 1 },
    count: { type: "integer", minimum: 1, default: 3 },
    ratio: { type: "number" },
    loud: { type: "boolean", default: false },
    mode: { type: "string", enum: ["fast", "slow"] },
    target: {
      type: "object",
      properties: { host: { type: "string" }, port: { type: "integer", default: 443 } },
      required: ["host"],
    },
    tags: { type: "array", items: { type: "string" } },
  },
  required: ["message", "target"],
  additionalProperties: false,
};

describe("tool arguments", () => {
  it("start from the schema's defaults, nested objects included", () => {
    expect(initialValue(schema)).toEqual({ count: 3, loud: false, target: { port: 443 } });
  });

  it("are valid when they match, and errors point at the field otherwise", () => {
    expect(validateArgs(schema, { message: "hi", target: { host: "a" } })).toEqual([]);
    const errors = validateArgs(schema, { message: "", count: 1.5, mode: "medium", target: {}, tags: [1], extra: true });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: "message", message: "Must NOT have fewer than 1 characters." },
        { path: "count", message: "Must be integer." },
        { path: "mode", message: 'Must be one of "fast", "slow".' },
        { path: "target.host", message: "Required." },
        { path: "tags.0", message: "Must be string." },
        { path: "extra", message: "Not a parameter of this tool." },
      ]),
    );
  });

  it("report a missing required field at its own path", () => {
    expect(validateArgs(schema, { target: { host: "x" } })).toEqual([{ path: "message", message: "Required." }]);
  });

  it("say so when the schema itself is broken", () => {
    expect(validateArgs({ type: "object", properties: { x: { type: "nope" } } }, {})[0]?.message).toMatch(/not valid JSON Schema/);
  });

  it("pick a control per schema", () => {
    expect(fieldKind({ type: "string", enum: ["a"] })).toBe("enum");
    expect(fieldKind({ type: ["integer", "null"] })).toBe("integer");
    expect(fieldKind({ anyOf: [{ type: "string" }, { type: "number" }] })).toBe("json");
    expect(fieldKind({ properties: {} })).toBe("object");
  });

  it("parse raw JSON with a readable error", () => {
    expect(parseArgsText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseArgsText("{a:1}")).toMatchObject({ ok: false, message: expect.stringMatching(/^Not valid JSON/) });
  });
});
