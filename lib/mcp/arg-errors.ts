import type { OutputUnit } from "@cfworker/json-schema";
import { hasTemplate } from "@/lib/runs/template";

/** A problem with one argument: a dotted path ("" for the whole value) and a sentence for the field. */
export type ArgError = { path: string; message: string };

export class SchemaProblem extends Error {}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  integer: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  null: "empty (null)",
};

/** Keywords that only say "something inside failed": the failures inside speak for themselves. */
const SUMMARIES = new Set([
  "properties",
  "patternProperties",
  "additionalProperties",
  "unevaluatedProperties",
  "items",
  "prefixItems",
  "additionalItems",
  "unevaluatedItems",
  "$ref",
  "$recursiveRef",
  "$dynamicRef",
  "allOf",
  "dependentSchemas",
  "if",
  "then",
  "else",
  "propertyNames",
]);
/** Keywords whose inner failures are only the alternatives tried: they speak for them. */
const ALTERNATIVES = new Set(["anyOf", "oneOf", "not", "contains"]);

const segments = (pointer: string) =>
  pointer
    .replace(/^#\/?/, "")
    .split("/")
    .filter(Boolean)
    .map((s) => decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~"));

/** The value of a schema keyword by its location, following the schema's own `#/…` references. */
function keywordValue(schema: unknown, location: string, depth = 0): unknown {
  let node = schema;
  for (const part of segments(location)) {
    if (!node || typeof node !== "object") return undefined;
    const object = node as Record<string, unknown>;
    if (part === "$ref" && typeof object.$ref === "string" && object.$ref.startsWith("#") && depth < 20) {
      node = keywordValue(schema, object.$ref, depth + 1);
    } else {
      node = object[part];
    }
  }
  return node;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const quoted = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(", ");

function typeMessage(expected: unknown): string {
  const names = (Array.isArray(expected) ? expected : [expected]).map(String);
  const unknown = names.filter((n) => !(n in TYPE_WORDS));
  if (unknown.length > 0) throw new SchemaProblem(`"${unknown[0]}" is not a JSON Schema type.`);
  return `Must be ${names.map((n) => TYPE_WORDS[n]).join(" or ")}.`;
}

function message(unit: OutputUnit, v: unknown): string {
  const n = typeof v === "number" ? v : Number.NaN;
  switch (unit.keyword) {
    case "type":
      return typeMessage(v ?? unit.error.match(/Expected "([^"]+)"/)?.[1]);
    case "enum":
      return Array.isArray(v) ? `Must be one of ${quoted(v)}.` : "Must be one of the allowed values.";
    case "const":
      return `Must be ${JSON.stringify(v)}.`;
    case "minLength":
      return n === 1 ? "Must not be empty." : `Must be at least ${plural(n, "character")} long.`;
    case "maxLength":
      return `Must be at most ${plural(n, "character")} long.`;
    case "minimum":
      return `Must be ${n} or more.`;
    case "maximum":
      return `Must be ${n} or less.`;
    case "exclusiveMinimum":
      return Number.isNaN(n) ? "Is too small." : `Must be more than ${n}.`;
    case "exclusiveMaximum":
      return Number.isNaN(n) ? "Is too large." : `Must be less than ${n}.`;
    case "multipleOf":
      return `Must be a multiple of ${n}.`;
    case "pattern":
      return `Must match the pattern ${String(v)}.`;
    case "minItems":
      return `Must have at least ${plural(n, "item")}.`;
    case "maxItems":
      return `Must have at most ${plural(n, "item")}.`;
    case "uniqueItems":
      return "Must not repeat an item.";
    case "minProperties":
      return `Must have at least ${plural(n, "field")}.`;
    case "maxProperties":
      return `Must have at most ${plural(n, "field")}.`;
    case "false":
      return "Not a parameter of this tool.";
    case "anyOf":
      return "Does not match any of the allowed forms.";
    case "oneOf":
      return "Must match exactly one of the allowed forms.";
    case "not":
      return "Is a value this tool does not accept.";
    case "contains":
      return "Must contain a matching item.";
    default:
      return unit.error;
  }
}

const pathOf = (instanceLocation: string) => segments(instanceLocation).join(".");

/** The value at an instance location ("#/target/port"), or undefined. */
function valueAt(instance: unknown, location: string): unknown {
  let node = instance;
  for (const part of segments(location)) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Turns the validator's output units into one readable error per failing argument: summary units
 * ("a property failed") and the alternatives tried inside anyOf/oneOf are left out; formats are
 * not checked, nor is a value holding a template (`{{ input.x }}` in a number field): it is filled
 * in at run time, and the tool's server checks it then. Throws SchemaProblem when the schema
 * itself is broken.
 */
export function readableErrors(schema: unknown, units: OutputUnit[], instance?: unknown): ArgError[] {
  const inner = units.filter((u) => ALTERNATIVES.has(u.keyword)).map((u) => `${u.keywordLocation}/`);
  const errors: ArgError[] = [];
  for (const unit of units) {
    if (SUMMARIES.has(unit.keyword) || unit.keyword === "format") continue;
    if (inner.some((prefix) => unit.keywordLocation.startsWith(prefix))) continue;
    const value = valueAt(instance, unit.instanceLocation);
    if (typeof value === "string" && hasTemplate(value)) continue;
    const path = pathOf(unit.instanceLocation);
    if (unit.keyword === "required" || unit.keyword === "dependentRequired") {
      const missing = unit.error.match(/"([^"]*)"\.?$/)?.[1] ?? "";
      errors.push({ path: [path, missing].filter(Boolean).join("."), message: "Required." });
      continue;
    }
    errors.push({ path, message: message(unit, keywordValue(schema, unit.keywordLocation)) });
  }
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(`${e.path}\n${e.message}`) && seen.add(`${e.path}\n${e.message}`));
}
