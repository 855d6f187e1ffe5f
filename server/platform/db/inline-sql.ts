import pg from "pg";

const maker = Symbol("inlineSql");

/** SQL text whose values are written in as escaped literals; only `inlineSql` and `joinSql` make one. */
export class InlineSql {
  constructor(
    key: symbol,
    readonly text: string,
  ) {
    if (key !== maker) throw new Error("InlineSql is made by inlineSql or joinSql.");
  }
}

/** A value stored as `jsonb`. */
export class JsonValue {
  constructor(readonly value: unknown) {}
}

export const json = (value: unknown) => new JsonValue(value);

export type InlineValue = string | number | boolean | null | undefined | Date | JsonValue | InlineSql;

/**
 * SQL with its values written in as literals, for a query sent with Postgres's simple protocol,
 * which can carry several statements in one round trip but takes no parameters. Every value goes
 * through the driver's literal escaping; text that Postgres cannot store (a NUL character) and
 * numbers that are not finite are refused rather than altered.
 */
export function inlineSql(strings: TemplateStringsArray, ...values: InlineValue[]): InlineSql {
  let text = strings[0] ?? "";
  values.forEach((value, index) => {
    text += literal(value) + (strings[index + 1] ?? "");
  });
  return new InlineSql(maker, text);
}

/** Fragments made by inlineSql, one after another (the rows of a multi-row insert). */
export function joinSql(fragments: InlineSql[], separator = ", "): InlineSql {
  return new InlineSql(maker, fragments.map((fragment) => fragment.text).join(separator));
}

function literal(value: InlineValue): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${value} cannot be stored as a number.`);
    return String(value);
  }
  if (value instanceof Date) return `${text(value.toISOString())}::timestamptz`;
  if (value instanceof InlineSql) return value.text;
  if (value instanceof JsonValue) return `${text(JSON.stringify(value.value) ?? "null")}::jsonb`;
  return text(value);
}

function text(value: string): string {
  if (value.includes("\u0000")) throw new Error("Text with a NUL character cannot be stored.");
  return pg.escapeLiteral(value);
}
