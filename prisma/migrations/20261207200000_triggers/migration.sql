-- Triggers: a workflow runs on its own (webhook, schedule) only while it is active, and every run
-- records which trigger started it and with what input.

-- Activation ----------------------------------------------------------------------------------
-- A row means "active". Only the server writes it (the privileged module, as service_role), after
-- validating the whole graph: an owner who could insert it through the REST API would skip that.

create table public.workflow_activations (
  workflow_id uuid primary key references public.workflows (id) on delete cascade,
  user_id uuid not null references public.users (id) on delete cascade,
  activated_at timestamptz not null default now()
);

create index workflow_activations_user_id_idx on public.workflow_activations (user_id);

alter table public.workflow_activations enable row level security;

create policy workflow_activations_select_own on public.workflow_activations for select to authenticated
  using (user_id = (select auth.uid()));
create policy workflow_activations_second_factor on public.workflow_activations as restrictive
  for all to authenticated
  using ((select public.session_meets_mfa())) with check ((select public.session_meets_mfa()));

revoke all on public.workflow_activations from anon, authenticated;
grant select on public.workflow_activations to authenticated;
grant select, insert, update, delete on public.workflow_activations to service_role;

-- Which trigger started a run -----------------------------------------------------------------

alter table public.executions
  add column trigger_kind text not null default 'manual',
  -- What made the run once: a webhook delivery's Idempotency-Key, a schedule's slot. Starting a run
  -- again with the same key finds the first one instead (the unique index below).
  add column trigger_key text,
  add constraint executions_trigger_kind_check check (trigger_kind in ('manual', 'webhook', 'schedule'));

create unique index executions_trigger_key_idx
  on public.executions (workflow_id, trigger_node_id, trigger_key) where trigger_key is not null;
