import pg from "pg";

/**
 * A text description of the public schema (columns, constraints, indexes, policies, triggers,
 * grants, publication): two databases with equal fingerprints have the same app schema.
 */
export async function schemaFingerprint(connectionString: string): Promise<string> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const queries = {
    columns: `select table_name, column_name, data_type, is_nullable, column_default
                from information_schema.columns where table_schema = 'public' order by 1, 2`,
    constraints: `select conrelid::regclass::text, conname, pg_get_constraintdef(oid)
                    from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`,
    indexes: `select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`,
    policies: `select tablename, policyname, cmd, roles::text, qual, with_check
                 from pg_policies where schemaname = 'public' order by 1, 2`,
    rls: `select relname, relrowsecurity from pg_class
           where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1`,
    triggers: `select event_object_schema, event_object_table, trigger_name, action_timing, event_manipulation
                 from information_schema.triggers
                where trigger_schema = 'public' or action_statement like '%public.%' order by 1, 2, 3, 5`,
    grants: `select table_name, grantee, privilege_type from information_schema.role_table_grants
              where table_schema = 'public' and grantee in ('anon', 'authenticated', 'service_role')
              order by 1, 2, 3`,
    publication: `select tablename, attnames::text from pg_publication_tables
                   where pubname = 'supabase_realtime' order by 1`,
  };
  try {
    const parts: string[] = [];
    for (const [name, sql] of Object.entries(queries)) {
      const { rows } = await client.query(sql);
      parts.push(`# ${name}`, ...rows.map((row) => JSON.stringify(Object.values(row))));
    }
    return parts.join("\n");
  } finally {
    await client.end();
  }
}
