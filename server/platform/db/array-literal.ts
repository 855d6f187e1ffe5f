/**
 * A Postgres array literal (`{"a","b\"c",NULL}`) of texts or numbers, sent as one text parameter
 * and cast in SQL (`$1::text[]`). Prisma passes a JavaScript array element by element; one string
 * of the same rows costs a fraction of that on a 1,000-row write.
 */
export function arrayLiteral(values: ReadonlyArray<string | number | null>): string {
  const items = values.map((value) => {
    if (value === null) return "NULL";
    if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new Error(`${value} cannot be stored as a number.`);
      return String(value);
    }
    return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  });
  return `{${items.join(",")}}`;
}
