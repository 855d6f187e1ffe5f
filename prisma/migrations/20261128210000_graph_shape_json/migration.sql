-- graph_shape returns json text instead of jsonb: the save only parses it, and building jsonb
-- (binary, keys sorted) took twice as long for a 1,000-node / 1,500-edge workflow, most of the
-- fixed cost of saving a small change to a large graph.

drop function public.graph_shape(uuid);

create function public.graph_shape(workflow uuid) returns json
language sql
stable
set enable_seqscan = off
set search_path = ''
as $$
  select json_build_object(
    'nodes', coalesce((select json_agg(json_build_array(n.id, n.type))
                       from public.nodes n where n.workflow_id = workflow), '[]'::json),
    'edges', coalesce((select json_agg(json_build_array(e.id, e.source, e.target, e.source_handle, e.target_handle))
                       from public.edges e where e.workflow_id = workflow), '[]'::json)
  )
$$;

revoke execute on function public.graph_shape(uuid) from public, anon;
grant execute on function public.graph_shape(uuid) to authenticated, service_role;
