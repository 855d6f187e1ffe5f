import { readFileSync } from "node:fs";

/** The parts of a Prisma model that map onto database columns, read from schema.prisma. */
export type SchemaField = {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  nativeType?: string;
  defaultValue?: string;
  isId: boolean;
};
export type SchemaModel = { name: string; table: string; fields: SchemaField[]; compositeId?: string[] };

const SCALARS = new Set([
  "String",
  "Int",
  "BigInt",
  "Float",
  "Decimal",
  "Boolean",
  "DateTime",
  "Json",
  "Bytes",
]);

function attributeArgument(line: string, attribute: string): string | undefined {
  const start = line.indexOf(`${attribute}(`);
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start + attribute.length; i < line.length; i++) {
    const char = line[i];
    if (char === '"' && line[i - 1] !== "\\") inString = !inString;
    if (inString) continue;
    if (char === "(") depth++;
    if (char === ")" && --depth === 0) return line.slice(start + attribute.length + 1, i);
  }
  return undefined;
}

function unquote(value: string): string {
  return JSON.parse(value) as string;
}

export function parsePrismaSchema(path: string): SchemaModel[] {
  const text = readFileSync(path, "utf8");
  const models: SchemaModel[] = [];
  for (const match of text.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const [, name = "", body = ""] = match;
    const model: SchemaModel = { name, table: name, fields: [] };
    for (const raw of body.split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      if (!line) continue;
      if (line.startsWith("@@map")) model.table = unquote(attributeArgument(line, "@@map") ?? "");
      else if (line.startsWith("@@id")) {
        model.compositeId = (attributeArgument(line, "@@id") ?? "").replace(/[[\]\s]/g, "").split(",");
      }
      if (line.startsWith("@@")) continue;
      const [fieldName = "", typeToken = ""] = line.split(/\s+/);
      const baseType = typeToken.replace(/[?[\]]/g, "");
      if (!SCALARS.has(baseType)) continue;
      const map = attributeArgument(line, "@map");
      model.fields.push({
        name: fieldName,
        column: map ? unquote(map) : fieldName,
        type: baseType,
        optional: typeToken.endsWith("?"),
        nativeType: line.match(/@db\.(\w+)/)?.[1],
        defaultValue: attributeArgument(line, "@default"),
        isId: /@id\b/.test(line),
      });
    }
    models.push(model);
  }
  return models;
}
