-- One ownership check for every private channel of a workflow: `workflow:<id>` (the canvas) and
-- `runs:<id>` (its runs) are joined by the workflow's owner only. The two copies of that check
-- (owns_workflow_topic, owns_runs_topic) become one function taking the topic's prefix; the
-- policies keep their names and what they allow.

create function public.owns_workflow_channel(topic text, prefix text) returns boolean
language sql stable
set search_path = ''
as $$
  select prefix in ('workflow', 'runs')
    and coalesce(split_part(topic, ':', 1) = prefix, false)
    and exists (
      select 1 from public.workflows w
      where w.id::text = split_part(topic, ':', 2)
        and w.user_id = (select auth.uid())
    )
$$;

revoke execute on function public.owns_workflow_channel(text, text) from public, anon;
grant execute on function public.owns_workflow_channel(text, text) to authenticated, service_role;

drop policy workflow_channel_receive on realtime.messages;
drop policy workflow_channel_send on realtime.messages;
drop policy runs_channel_receive on realtime.messages;

create policy workflow_channel_receive on realtime.messages
  for select to authenticated
  using (
    realtime.messages.extension in ('broadcast', 'presence')
    and (select public.owns_workflow_channel((select realtime.topic()), 'workflow'))
  );

create policy workflow_channel_send on realtime.messages
  for insert to authenticated
  with check (
    realtime.messages.extension in ('broadcast', 'presence')
    and (select public.owns_workflow_channel((select realtime.topic()), 'workflow'))
  );

-- Runs carry only postgres_changes (filtered per row by RLS): joining is all; nobody sends on it.
create policy runs_channel_receive on realtime.messages
  for select to authenticated
  using (
    realtime.messages.extension in ('broadcast', 'presence')
    and (select public.owns_workflow_channel((select realtime.topic()), 'runs'))
  );

drop function public.owns_workflow_topic(text);
drop function public.owns_runs_topic(text);
