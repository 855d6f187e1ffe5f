/**
 * Checks a JSON text against the parts of a tool's JSON Schema an editor can explain simply:
 * an object, its required properties, the primitive type of each known property, and
 * `additionalProperties: false`. Returns readable problems; empty = fine.
 */
export function checkJsonArgs(text: string, schema: Record<string, unknown> | null | undefined): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [`not valid JSON: ${(error as Error).message}`];
  }
  if (!schema) return [];
  if (schema.type === "object" && (typeof value !== "object" || value === null || Array.isArray(value))) {
    return ["arguments must be a JSON object"];
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const args = value as Record<string, unknown>;
  const problems: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, { type?: string | string[] }>;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  for (const name of required) if (!(name in args)) problems.push(`"${name}" is required`);
  for (const [name, arg] of Object.entries(args)) {
    const spec = properties[name];
    if (!spec) {
      if (schema.additionalProperties === false) problems.push(`"${name}" is not an argument of this tool`);
      continue;
    }
    const types = spec.type === undefined ? [] : Array.isArray(spec.type) ? spec.type : [spec.type];
    if (types.length > 0 && !types.some((t) => fits(arg, t))) problems.push(`"${name}" should be ${types.join(" or ")}`);
  }
  return problems;
}

function fits(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}
