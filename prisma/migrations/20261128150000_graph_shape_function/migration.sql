-- What a save validates its diff against: the ids (and edge endpoints) stored for one workflow.
-- A workflow's rows sit together in the heap, but the planner only sees random uuids in the
-- primary key and prices reading them through it as scattered page reads: on a database with
-- few workflows it would rather scan every workflow's edges. The function's own setting keeps
-- the read on the primary keys; it runs as the caller, so row level security still applies.

create function public.graph_shape(workflow uuid) returns jsonb
language sql
stable
set enable_seqscan = off
set search_path = ''
as $$
  select jsonb_build_object(
    'nodes', coalesce((select jsonb_agg(jsonb_build_array(n.id, n.type))
                       from public.nodes n where n.workflow_id = workflow), '[]'::jsonb),
    'edges', coalesce((select jsonb_agg(jsonb_build_array(e.id, e.source, e.target, e.source_handle, e.target_handle))
                       from public.edges e where e.workflow_id = workflow), '[]'::jsonb)
  )
$$;

revoke execute on function public.graph_shape(uuid) from public, anon;
grant execute on function public.graph_shape(uuid) to authenticated, service_role;
