import type { TableColumn } from "./tables";

export type FilterOp = "eq" | "neq" | "lt" | "lte" | "gt" | "gte" | "in";
export type Filter = { column: string; op: FilterOp; values: string[] };

const OPS = new Set<string>(["eq", "neq", "lt", "lte", "gt", "gte", "in"]);

/** Parses `col=op.value` (PostgREST style, as realtime-js sends it); throws the server's text. */
export function parseFilter(filter: string): Filter {
  const match = /^([^=]+)=([a-z]+)\.(.*)$/s.exec(filter.trim());
  const op = match?.[2];
  if (!match || !op || !OPS.has(op))
    throw new Error(`Error parsing \`filter\` params: ${JSON.stringify(filter.split(/[=.]/))}`);
  const column = match[1] as string;
  const raw = match[3] as string;
  if (op !== "in") return { column, op: op as FilterOp, values: [unquote(raw)] };
  if (!raw.startsWith("(") || !raw.endsWith(")"))
    throw new Error("`in` filter value must be wrapped by parentheses");
  const values = splitList(raw.slice(1, -1)).map(unquote);
  if (values.length > 100) throw new Error("`in` filter accepts at most 100 values");
  return { column, op: "in", values };
}

function splitList(text: string): string[] {
  const items: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === "\\" && quoted) {
      current += char + (text[i + 1] ?? "");
      i++;
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === "," && !quoted) {
      items.push(current.trim());
      current = "";
    } else current += char;
  }
  items.push(current.trim());
  return items;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, "$1");
  }
  return value;
}

const NUMERIC = new Set(["int2", "int4", "int8", "float4", "float8", "numeric", "oid"]);
const TIME = new Set(["timestamptz", "timestamp", "date"]);

/** A comparable form of a JSON-typed column value (as to_jsonb gives it) for the column type. */
function comparable(type: string, value: unknown): number | string | null {
  if (value === null || value === undefined) return null;
  if (NUMERIC.has(type)) {
    const number = Number(value);
    return Number.isNaN(number) ? null : number;
  }
  if (TIME.has(type)) {
    const text = String(value);
    const time = Date.parse(type === "timestamp" ? `${text}Z` : text);
    return Number.isNaN(time) ? text : time;
  }
  if (type === "bool") {
    const text = String(value).toLowerCase();
    return ["t", "true", "1", "yes", "on", "y"].includes(text) ? "true" : "false";
  }
  if (type === "uuid") return String(value).toLowerCase();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Checks a filter against a row; like SQL, a NULL never matches. */
export function matchesFilter(filter: Filter, column: TableColumn, row: Record<string, unknown>): boolean {
  const actual = comparable(column.type, row[filter.column]);
  if (actual === null) return false;
  const expected = filter.values.map((value) => comparable(column.type, value));
  const first = expected[0];
  switch (filter.op) {
    case "eq":
      return actual === first;
    case "neq":
      return first !== null && actual !== first;
    case "in":
      return expected.includes(actual);
    default: {
      if (first === null || first === undefined) return false;
      if (filter.op === "lt") return actual < first;
      if (filter.op === "lte") return actual <= first;
      if (filter.op === "gt") return actual > first;
      return actual >= first;
    }
  }
}
