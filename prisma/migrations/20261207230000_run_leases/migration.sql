-- Run leases: an in-process engine owns a queued or running run while it holds an unexpired lease
-- and renews it on a heartbeat. A run whose lease ran out (its process died, or lost the
-- database for longer than the lease) is claimed by the periodic sweep of any engine sharing
-- the database, exactly once (one conditional update per claim, `for update skip locked`), and
-- resumed from its checkpoints. Step-log writes of an engine land only while it holds the lease.

alter table public.executions
  add column lease_owner text,
  add column lease_expires_at timestamptz;

-- The sweep's scan: unfinished runs of the in-process engine, oldest lease first.
create index executions_lease_sweep_idx
  on public.executions (lease_expires_at nulls first)
  where status in ('queued', 'running') and engine = 'in-process';
