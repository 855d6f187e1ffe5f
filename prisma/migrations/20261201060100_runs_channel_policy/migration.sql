-- Realtime Authorization for the Runs channel `runs:<workflowId>`, joined as a private channel
-- (so it works with Supabase's "Allow public access" off): only the workflow's owner may join
-- it. It carries only postgres_changes on executions and execution_logs, which RLS filters per
-- row; nobody may send on it.

create function public.owns_runs_topic(topic text) returns boolean
language sql stable
set search_path = ''
as $$
  select coalesce(topic like 'runs:%', false) and exists (
    select 1 from public.workflows w
    where w.id::text = split_part(topic, ':', 2)
      and w.user_id = (select auth.uid())
  )
$$;

revoke execute on function public.owns_runs_topic(text) from public, anon;
grant execute on function public.owns_runs_topic(text) to authenticated, service_role;

create policy runs_channel_receive on realtime.messages
  for select to authenticated
  using (
    realtime.messages.extension in ('broadcast', 'presence')
    and (select public.owns_runs_topic((select realtime.topic())))
  );
