-- Realtime Authorization for the canvas's channel `workflow:<id>`, joined as a private channel:
-- only the workflow's owner may join it and receive its broadcasts and presence (select), and
-- send broadcasts and track presence (insert). Supabase Realtime checks these policies on
-- realtime.messages with the joiner's JWT at every join and token refresh; the local stack
-- does the same. Other topics get no policy, so private joins of them are refused.

create policy workflow_channel_receive on realtime.messages
  for select to authenticated
  using (
    realtime.messages.extension in ('broadcast', 'presence')
    and (select realtime.topic()) like 'workflow:%'
    and exists (
      select 1 from public.workflows w
      where w.id::text = split_part((select realtime.topic()), ':', 2)
        and w.user_id = (select auth.uid())
    )
  );

create policy workflow_channel_send on realtime.messages
  for insert to authenticated
  with check (
    realtime.messages.extension in ('broadcast', 'presence')
    and (select realtime.topic()) like 'workflow:%'
    and exists (
      select 1 from public.workflows w
      where w.id::text = split_part((select realtime.topic()), ':', 2)
        and w.user_id = (select auth.uid())
    )
  );
