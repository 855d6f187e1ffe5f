import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePrismaSchema, type SchemaField } from "@/test/prisma-schema";

// The migrations are the source of truth; this test keeps the Prisma models honest about them.
const models = parsePrismaSchema(path.resolve(import.meta.dirname, "../../../prisma/schema.prisma"));

type Column = { table: string; column: string; type: string; nullable: boolean; default: string | null };

function expectedSqlType(field: SchemaField): string {
  if (field.nativeType === "Uuid") return "uuid";
  if (field.nativeType === "Timestamptz") return "timestamp with time zone";
  if (field.nativeType === "Date") return "date";
  const byType: Record<string, string> = {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    Boolean: "boolean",
    Json: "jsonb",
    DateTime: "timestamp without time zone",
  };
  return byType[field.type] ?? field.type;
}

/** Brings a Prisma @default(...) and a Postgres column default to one comparable form. */
function normalizeDefault(field: SchemaField, value: string | null | undefined): unknown {
  if (value === undefined || value === null) return null;
  const prismaString = value.match(/^"(.*)"$/s);
  const generated = value.match(/^dbgenerated\("(.*)"\)$/s);
  if (generated) return generated[1];
  if (field.type === "Json") {
    const text = prismaString ? (JSON.parse(value) as string) : value.replace(/^'(.*)'::jsonb$/s, "$1");
    return JSON.parse(text);
  }
  if (prismaString) return JSON.parse(value);
  const sqlString = value.match(/^'(.*)'::[\w ]+$/s);
  if (sqlString) return sqlString[1]?.replace(/''/g, "'");
  return value;
}

describe("Prisma models ↔ live database", () => {
  let columns: Column[] = [];
  let primaryKeys = new Map<string, string[]>();
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(async () => {
    await client.connect();
    columns = (
      await client.query<Column>(
        `select c.relname as table, a.attname as column, format_type(a.atttypid, null) as type,
                not a.attnotnull as nullable, pg_get_expr(d.adbin, d.adrelid) as default
           from pg_attribute a
           join pg_class c on c.oid = a.attrelid and c.relkind = 'r'
           join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
           left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
          where a.attnum > 0 and not a.attisdropped and c.relname <> '_prisma_migrations'`,
      )
    ).rows;
    const keys = await client.query<{ table: string; columns: string[] }>(
      `select c.relname as table, array_agg(a.attname order by k.ord)::text[] as columns
         from pg_constraint con
         join pg_class c on c.oid = con.conrelid
         join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
         cross join lateral unnest(con.conkey) with ordinality k(attnum, ord)
         join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
        where con.contype = 'p'
        group by c.relname`,
    );
    primaryKeys = new Map(keys.rows.map((row) => [row.table, row.columns]));
  });
  afterAll(() => client.end());

  it("models exactly the tables of the design (its 10, Trymate's budget, workflow activations, webhooks and their rate counts)", () => {
    const tables = [...new Set(columns.map((column) => column.table))].sort();
    expect(models.map((model) => model.table).sort()).toEqual(tables);
    expect(tables).toHaveLength(14);
  });

  for (const model of models) {
    describe(`${model.name} → ${model.table}`, () => {
      it("has a field for every column and a column for every field", () => {
        const live = columns.filter((column) => column.table === model.table).map((column) => column.column);
        expect(model.fields.map((field) => field.column).sort()).toEqual(live.sort());
      });

      it("agrees on type, nullability and default of every field", () => {
        for (const field of model.fields) {
          const column = columns.find((c) => c.table === model.table && c.column === field.column);
          const where = `${model.table}.${field.column}`;
          expect(column, where).toBeDefined();
          if (!column) continue;
          expect(column.type, `${where} type`).toBe(expectedSqlType(field));
          expect(column.nullable, `${where} nullability`).toBe(field.optional);
          expect(normalizeDefault(field, column.default), `${where} default`).toEqual(
            normalizeDefault(field, field.defaultValue),
          );
        }
      });

      it("has the same primary key", () => {
        const modelKey = model.compositeId
          ? model.compositeId.map((name) => model.fields.find((f) => f.name === name)?.column)
          : model.fields.filter((field) => field.isId).map((field) => field.column);
        expect(primaryKeys.get(model.table)).toEqual(modelKey);
      });
    });
  }
});
