-- The part of Supabase Realtime's own schema that Realtime Authorization (private channels)
-- relies on: realtime.messages, whose RLS policies decide who may join, receive, send and
-- track on a topic, and realtime.topic(), the topic being checked. Applied only to the local
-- Postgres where realtime.messages does not exist; a real Supabase project already has it
-- (there it is partitioned by day and also stores broadcast history; here it only answers the
-- local Realtime server's permission probes, which always roll back).

create schema if not exists realtime;
grant usage on schema realtime to anon, authenticated, service_role;

create table realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now(),
  id uuid not null default gen_random_uuid(),
  primary key (id, inserted_at)
);
create index messages_topic_index on realtime.messages (topic);
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to anon, authenticated, service_role;

create function realtime.topic() returns text
language sql stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text;
$$;
grant execute on function realtime.topic() to anon, authenticated, service_role;
