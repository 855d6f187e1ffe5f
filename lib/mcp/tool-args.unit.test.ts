import { describe, expect, it } from "vitest";
import { describeArgErrors, fieldKind, initialValue, parseArgsText, validateArgs } from "./tool-args";

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
  it("accept a template wherever a value goes: it is filled in, and checked, at run time", () => {
    const args = {
      message: "{{ input.text }}",
      count: "{{ input.x }}",
      ratio: "{{ nodes.sum.structuredContent.result }}",
      mode: "{{ input.mode }}",
      target: { host: "h", port: "{{ input.port }}" },
      tags: ["{{ input.tag }}"],
    };
    expect(validateArgs(schema, args)).toEqual([]);
    // Plain text is still no number.
    expect(validateArgs(schema, { ...args, count: "three" })).toEqual([
      { path: "count", message: "Must be a whole number." },
    ]);
  });

  it("start from the schema's defaults, nested objects included", () => {
    expect(initialValue(schema)).toEqual({ count: 3, loud: false, target: { port: 443 } });
  });

  it("are valid when they match, and errors point at the field in plain words otherwise", () => {
    expect(validateArgs(schema, { message: "hi", target: { host: "a" } })).toEqual([]);
    const errors = validateArgs(schema, {
      message: "",
      count: 1.5,
      mode: "medium",
      target: {},
      tags: [1],
      extra: true,
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: "message", message: "Must not be empty." },
        { path: "count", message: "Must be a whole number." },
        { path: "mode", message: 'Must be one of "fast", "slow".' },
        { path: "target.host", message: "Required." },
        { path: "tags.0", message: "Must be text." },
        { path: "extra", message: "Not a parameter of this tool." },
      ]),
    );
    expect(errors).toHaveLength(6);
    expect(validateArgs(schema, { message: "x", count: 0, target: { host: "h", port: "443" } })).toEqual([
      { path: "count", message: "Must be 1 or more." },
      { path: "target.port", message: "Must be a whole number." },
    ]);
  });

  it("speak for a union as a whole, follow the schema's references, and leave formats alone", () => {
    const union = {
      type: "object",
      properties: {
        id: { anyOf: [{ type: "string" }, { type: "integer" }] },
        when: { type: "string", format: "date-time" },
        limit: { $ref: "#/$defs/limit" },
        nickname: { type: ["string", "null"], maxLength: 3 },
      },
      $defs: { limit: { type: "integer", maximum: 10 } },
    };
    expect(validateArgs(union, { id: true, when: "{{ input.when }}", limit: 11, nickname: 5 })).toEqual([
      { path: "id", message: "Does not match any of the allowed forms." },
      { path: "limit", message: "Must be 10 or less." },
      { path: "nickname", message: "Must be text or empty (null)." },
    ]);
    expect(validateArgs(union, { nickname: "long" })).toEqual([
      { path: "nickname", message: "Must be at most 3 characters long." },
    ]);
  });

  it("report a missing required field at its own path", () => {
    expect(validateArgs(schema, { target: { host: "x" } })).toEqual([
      { path: "message", message: "Required." },
    ]);
  });

  it("describe problems as clauses for a sentence", () => {
    expect(describeArgErrors(validateArgs(schema, []))).toEqual(["the arguments must be an object"]);
    expect(describeArgErrors(validateArgs(schema, { target: {} }))).toEqual([
      "message: required",
      "target.host: required",
    ]);
  });

  it("say so when the schema itself is broken", () => {
    for (const broken of [
      { type: "object", properties: { x: { type: "nope" } } },
      { type: "object", properties: { x: { $ref: "#/$defs/missing" } } },
      { type: "string", pattern: "(" },
    ]) {
      const value = broken.type === "string" ? "a" : { x: 1 };
      expect(validateArgs(broken, value)[0]?.message).toMatch(
        /^The tool's input schema is not valid JSON Schema: \S/,
      );
    }
  });

  it("pick a control per schema", () => {
    expect(fieldKind({ type: "string", enum: ["a"] })).toBe("enum");
    expect(fieldKind({ type: ["integer", "null"] })).toBe("integer");
    expect(fieldKind({ anyOf: [{ type: "string" }, { type: "number" }] })).toBe("json");
    expect(fieldKind({ properties: {} })).toBe("object");
  });

  it("parse raw JSON with a readable error", () => {
    expect(parseArgsText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseArgsText("{a:1}")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Not valid JSON/),
    });
  });
});
