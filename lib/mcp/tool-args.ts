import { Validator } from "@cfworker/json-schema";
import { type ArgError, readableErrors, SchemaProblem } from "./arg-errors";

export type { ArgError } from "./arg-errors";

/** A JSON Schema as tools publish it (an object; anything else is treated as "any JSON"). */
export type JsonSchema = Record<string, unknown>;

// An interpreting validator (no code generated at run time), so the browser needs no eval.
const validators = new WeakMap<JsonSchema, Validator | Error>();
const brokenSchema = (detail: string) =>
  new Error(`The tool's input schema is not valid JSON Schema: ${detail}`);

function validatorFor(schema: JsonSchema): Validator | Error {
  let validator = validators.get(schema);
  if (!validator) {
    try {
      // The validator annotates the schema it is given: it gets its own copy of the tool's.
      validator = new Validator(structuredClone(schema), "2020-12", false);
    } catch (error) {
      validator = brokenSchema((error as Error).message.split("\n")[0] ?? "");
    }
    validators.set(schema, validator);
  }
  return validator;
}

/** Checks arguments against a tool's input schema; errors carry a dotted path ("" for the whole value). */
export function validateArgs(schema: JsonSchema, value: unknown): ArgError[] {
  const validator = validatorFor(schema);
  if (validator instanceof Error) return [{ path: "", message: validator.message }];
  try {
    const result = validator.validate(value);
    if (result.valid) return [];
    const errors = readableErrors(schema, result.errors, value);
    if (errors.length > 0) return errors;
    // Nothing left but templated values, which run time checks: fine for now.
    if (readableErrors(schema, result.errors).length > 0) return [];
    return [{ path: "", message: "Does not match the tool's input schema." }];
  } catch (error) {
    // A reference that does not resolve or a pattern that is not a regular expression shows only now.
    const detail =
      error instanceof SchemaProblem ? error.message : ((error as Error).message.split("\n")[0] ?? "");
    return [{ path: "", message: brokenSchema(detail).message }];
  }
}

/** The same problems as clauses for a sentence: "b: required", "the arguments must be an object". */
export function describeArgErrors(errors: ArgError[]): string[] {
  return errors.map(({ path, message }) => {
    const clause = `${message.charAt(0).toLowerCase()}${message.slice(1)}`.replace(/\.$/, "");
    return path ? `${path}: ${clause}` : /^(must|does|is) /.test(clause) ? `the arguments ${clause}` : clause;
  });
}

/** The value a form starts from: the schema's defaults, objects filled in, nothing invented for the rest. */
export function initialValue(schema: JsonSchema): unknown {
  if ("default" in schema) return structuredClone(schema.default);
  if (schemaType(schema) === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(properties(schema))) {
      const value = initialValue(child);
      if (value !== undefined) result[key] = value;
    }
    return result;
  }
  return undefined;
}

export type FieldKind = "string" | "number" | "integer" | "boolean" | "enum" | "object" | "array" | "json";

/** Which control edits a schema: enums get a select, unions and unknown shapes raw JSON. */
export function fieldKind(schema: JsonSchema): FieldKind {
  if (Array.isArray(schema.enum)) return "enum";
  const type = schemaType(schema);
  if (
    type === "string" ||
    type === "number" ||
    type === "integer" ||
    type === "boolean" ||
    type === "object" ||
    type === "array"
  ) {
    return type;
  }
  return "json";
}

export function schemaType(schema: JsonSchema): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) {
    const nonNull = schema.type.filter((t) => t !== "null");
    if (nonNull.length === 1 && typeof nonNull[0] === "string") return nonNull[0];
  }
  if (schema.properties && typeof schema.properties === "object") return "object";
  return undefined;
}

export function properties(schema: JsonSchema): Record<string, JsonSchema> {
  const props = schema.properties;
  if (!props || typeof props !== "object") return {};
  return Object.fromEntries(
    Object.entries(props as Record<string, unknown>).filter(([, v]) => v && typeof v === "object"),
  ) as Record<string, JsonSchema>;
}

export function requiredOf(schema: JsonSchema): Set<string> {
  return new Set(
    Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : [],
  );
}

export function itemsOf(schema: JsonSchema): JsonSchema {
  const items = schema.items;
  return items && typeof items === "object" && !Array.isArray(items) ? (items as JsonSchema) : {};
}

/** Parses raw JSON arguments; the message says where the text is broken. */
export function parseArgsText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text || "{}") };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
}
