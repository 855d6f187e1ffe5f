-- A thread may only point at a workflow of its owner, on update as on insert: otherwise a user
-- could attach their Trymate thread to another user's workflow id.
drop policy flow_space_update_own on public.flow_space;
create policy flow_space_update_own on public.flow_space for update to authenticated
  using (user_id = (select auth.uid()))
  with check (
    user_id = (select auth.uid())
    and (workflow_id is null
      or workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid())))
  );
