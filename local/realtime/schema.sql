-- Local Realtime change capture: replaces Supabase's logical-replication pipeline with row
-- triggers on the tables of publication supabase_realtime. Idempotent.
create schema if not exists realtime_local;
revoke all on schema realtime_local from public;

create table if not exists realtime_local.changes (
  id bigserial primary key,
  rel oid not null,
  op text not null,
  new_row jsonb,
  old_row jsonb,
  xid xid8 not null default pg_current_xact_id(),
  committed_at timestamptz not null default now()
);
create index if not exists changes_committed_at_idx on realtime_local.changes (committed_at);
create index if not exists changes_xid_idx on realtime_local.changes (xid) where op = 'DELETE';
alter sequence realtime_local.changes_id_seq cache 1;

-- Only the change id travels through NOTIFY (8 kB limit); the row stays in the table.
create or replace function realtime_local.capture() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  change_id bigint;
begin
  insert into realtime_local.changes (rel, op, new_row, old_row)
  values (
    tg_relid, tg_op,
    case when tg_op <> 'DELETE' then to_jsonb(new) end,
    case when tg_op <> 'INSERT' then to_jsonb(old) end
  )
  returning id into change_id;
  perform pg_notify('realtime_local_changes', change_id::text);
  return null;
end $$;
revoke execute on function realtime_local.capture() from public;

-- Adds the capture trigger to every table in the publication and removes it from tables
-- that left it.
create or replace function realtime_local.sync_triggers() returns void
language plpgsql set search_path = '' as $$
declare
  t record;
begin
  for t in
    select c.oid::regclass as rel
    from pg_publication_tables p
    join pg_namespace n on n.nspname = p.schemaname
    join pg_class c on c.relnamespace = n.oid and c.relname = p.tablename
    where p.pubname = 'supabase_realtime'
      and not exists (
        select 1 from pg_trigger tg where tg.tgrelid = c.oid and tg.tgname = 'realtime_local_capture'
      )
  loop
    execute format(
      'create trigger realtime_local_capture after insert or update or delete on %s
         for each row execute function realtime_local.capture()', t.rel);
  end loop;
  for t in
    select tg.tgrelid::regclass as rel
    from pg_trigger tg
    where tg.tgname = 'realtime_local_capture'
      and not exists (
        select 1 from pg_publication_tables p
        join pg_namespace n on n.nspname = p.schemaname
        join pg_class c on c.relnamespace = n.oid and c.relname = p.tablename
        where p.pubname = 'supabase_realtime' and c.oid = tg.tgrelid
      )
  loop
    execute format('drop trigger realtime_local_capture on %s', t.rel);
  end loop;
end $$;
revoke execute on function realtime_local.sync_triggers() from public;
