import { describe, expect, it } from "vitest";
import { InlineSql, inlineSql, joinSql, json } from "./inline-sql";

describe("inlineSql", () => {
  it("writes values in as literals: text quoted, numbers and booleans bare, null, dates and JSON cast", () => {
    const at = new Date("2026-12-01T10:00:00.000Z");
    const sql = inlineSql`values (${"it's"}, ${42}, ${-1.5}, ${true}, ${null}, ${undefined}, ${at}, ${json({ a: "b'c" })})`;
    expect(sql.text).toBe(
      `values ('it''s', 42, -1.5, true, null, null, '2026-12-01T10:00:00.000Z'::timestamptz, '{"a":"b''c"}'::jsonb)`,
    );
  });

  it("escapes backslashes whatever standard_conforming_strings says", () => {
    expect(inlineSql`${"a\\' or 1=1 --"}`.text).toBe(` E'a\\\\'' or 1=1 --'`);
  });

  it("takes a fragment made by inlineSql as it is", () => {
    const row = inlineSql`(${"x"}, ${1})`;
    expect(inlineSql`insert into t values ${row}`.text).toBe("insert into t values ('x', 1)");
    expect(inlineSql`values ${joinSql([row, inlineSql`(${"y"}, ${2})`])}`.text).toBe(
      "values ('x', 1), ('y', 2)",
    );
  });

  it("refuses what Postgres cannot store rather than altering it", () => {
    expect(() => inlineSql`${"a\u0000b"}`).toThrow("Text with a NUL character cannot be stored.");
    expect(() => inlineSql`${Number.NaN}`).toThrow("NaN cannot be stored as a number.");
  });

  it("cannot be made from a plain string", () => {
    expect(() => new InlineSql(Symbol("inlineSql"), "drop table users")).toThrow(
      "InlineSql is made by inlineSql or joinSql.",
    );
  });
});
