-- Runs: executions and their step log are written only by the server (the privileged module,
-- as service_role); owners read their own through RLS and follow them live through Realtime.

-- Executions ---------------------------------------------------------------------------------

alter table public.executions drop constraint executions_status_check;
alter table public.executions drop constraint executions_engine_check;
update public.executions set engine = 'in-process' where engine = 'local';
alter table public.executions alter column engine set default 'in-process';
alter table public.executions alter column user_id drop default;

alter table public.executions
  add column trigger_node_id text,
  -- The graph as it was when the run started, so a resumed or retried run executes what was planned.
  add column graph jsonb not null default '{}'::jsonb,
  -- The run this one re-runs or retries (completed steps of a retry come from it).
  add column source_id text references public.executions (id) on delete set null,
  add column cancel_requested_at timestamptz,
  -- Inngest: the id of the event that asked for the run (its cancel event matches on it).
  add column request_id text,
  add column updated_at timestamptz not null default now(),
  add constraint executions_status_check
    check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  add constraint executions_engine_check check (engine in ('in-process', 'inngest'));

create index executions_status_idx on public.executions (status);
create index executions_source_id_idx on public.executions (source_id);

-- Step log: one append-only row per step event -----------------------------------------------

alter table public.execution_logs
  -- Denormalized so one Realtime filter (workflow_id=eq.<id>) follows every run of a canvas.
  add column workflow_id uuid references public.workflows (id) on delete cascade,
  add column node_id text,
  add column event text,
  add column attempt integer not null default 1,
  add column duration_ms integer,
  add column error text,
  add column seq bigserial not null,
  add constraint execution_logs_event_check
    check (event in ('started', 'retried', 'succeeded', 'failed', 'cancelled', 'skipped')),
  add constraint execution_logs_attempt_check check (attempt >= 1),
  add constraint execution_logs_duration_check check (duration_ms is null or duration_ms >= 0),
  -- payload holds the step's input and output, each cut at the server's cap with a marker.
  add constraint execution_logs_payload_size check (pg_column_size(payload) <= 1048576);

create index execution_logs_execution_id_seq_idx on public.execution_logs (execution_id, seq);
create index execution_logs_workflow_id_idx on public.execution_logs (workflow_id);

-- Privileges: authenticated reads, never writes ----------------------------------------------

drop policy executions_insert_own on public.executions;
drop policy executions_update_own on public.executions;
drop policy executions_delete_own on public.executions;
drop policy execution_logs_insert_own on public.execution_logs;

revoke all on public.executions, public.execution_logs from authenticated;
grant select on public.executions, public.execution_logs to authenticated;
grant select, insert, update, delete on public.executions, public.execution_logs to service_role;
grant usage on sequence public.execution_logs_seq_seq to service_role;

-- Live on the canvas ---------------------------------------------------------------------------

alter publication supabase_realtime add table public.executions, public.execution_logs;
