-- Realtime Authorization for the canvas's channel `workflow:<id>`, joined as a private channel:
-- only the workflow's owner may join it and receive its broadcasts and presence (select), and
-- send broadcasts and track presence (insert). Supabase Realtime checks these policies on
-- realtime.messages with the joiner's JWT at every join and token refresh; the local stack
-- does the same. Other topics get no policy, so private joins of them are refused.

-- Whether the caller owns the workflow a `workflow:<id>` topic names (false for any other topic).
create function public.owns_workflow_topic(topic text) returns boolean
language sql stable
set search_path = ''
as $$
  select coalesce(topic like 'workflow:%', false) and exists (
    select 1 from public.workflows w
    where w.id::text = split_part(topic, ':', 2)
      and w.user_id = (select auth.uid())
  )
$$;

revoke execute on function public.owns_workflow_topic(text) from public, anon;
grant execute on function public.owns_workflow_topic(text) to authenticated, service_role;

create policy workflow_channel_receive on realtime.messages
  for select to authenticated
  using (
    realtime.messages.extension in ('broadcast', 'presence')
    and (select public.owns_workflow_topic((select realtime.topic())))
  );

create policy workflow_channel_send on realtime.messages
  for insert to authenticated
  with check (
    realtime.messages.extension in ('broadcast', 'presence')
    and (select public.owns_workflow_topic((select realtime.topic())))
  );
