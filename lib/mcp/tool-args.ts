import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

/** A JSON Schema as tools publish it (an object; anything else is treated as "any JSON"). */
export type JsonSchema = Record<string, unknown>;
export type ArgError = { path: string; message: string };

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, addUsedSchema: false, logger: false });
const compiled = new WeakMap<JsonSchema, ValidateFunction | Error>();

function validatorFor(schema: JsonSchema): ValidateFunction | Error {
  let validate = compiled.get(schema);
  if (!validate) {
    try {
      const { $schema: _dialect, ...rest } = schema;
      validate = ajv.compile(rest);
    } catch (error) {
      validate = new Error(`The tool's input schema is not valid JSON Schema: ${(error as Error).message}`);
    }
    compiled.set(schema, validate);
  }
  return validate;
}

/** Checks arguments against a tool's input schema; errors carry a dotted path ("" for the whole value). */
export function validateArgs(schema: JsonSchema, value: unknown): ArgError[] {
  const validate = validatorFor(schema);
  if (validate instanceof Error) return [{ path: "", message: validate.message }];
  if (validate(value)) return [];
  return (validate.errors ?? []).map(toArgError);
}

function toArgError(error: ErrorObject): ArgError {
  const base = error.instancePath.split("/").slice(1).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (error.keyword === "required") {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { path: [...base, missing].join("."), message: "Required." };
  }
  if (error.keyword === "additionalProperties") {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return { path: [...base, extra].join("."), message: "Not a parameter of this tool." };
  }
  if (error.keyword === "enum") {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return { path: base.join("."), message: `Must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}.` };
  }
  const message = error.message ?? "Invalid value.";
  return { path: base.join("."), message: `${message.charAt(0).toUpperCase()}${message.slice(1)}.` };
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
  if (type === "string" || type === "number" || type === "integer" || type === "boolean" || type === "object" || type === "array") {
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
  return Object.fromEntries(Object.entries(props as Record<string, unknown>).filter(([, v]) => v && typeof v === "object")) as Record<
    string,
    JsonSchema
  >;
}

export function requiredOf(schema: JsonSchema): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : []);
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
