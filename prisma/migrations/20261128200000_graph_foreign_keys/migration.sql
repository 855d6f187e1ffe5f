-- The graph's references are foreign keys again, as design.md has them: a node belongs to its
-- workflow, an edge's source and target are nodes of the same workflow, deletes cascade.
-- Migration graph_key_triggers had replaced them with statement-level triggers to save the
-- per-row key checks, but a trigger cannot see rows committed after a repeatable-read or
-- serializable transaction's snapshot, which Postgres's own key checks do: deleting a node there
-- could leave an edge written meanwhile pointing at nothing. The keys are back, with the indexes
-- their cascades use. edges.workflow_id keeps no key of its own: the endpoints' keys imply it.

drop trigger edges_check_inserted_endpoints on public.edges;
drop trigger edges_check_updated_endpoints on public.edges;
drop trigger nodes_delete_edges on public.nodes;
drop trigger nodes_truncate_edges on public.nodes;
drop trigger nodes_reject_referenced_key_change on public.nodes;
drop trigger nodes_check_inserted_workflow on public.nodes;
drop trigger nodes_check_updated_workflow on public.nodes;
drop trigger workflows_delete_nodes on public.workflows;
drop trigger workflows_truncate_nodes on public.workflows;
drop trigger workflows_reject_referenced_key_change on public.workflows;

drop function public.edges_check_endpoints();
drop function public.nodes_delete_edges();
drop function public.nodes_reject_referenced_key_change();
drop function public.nodes_check_workflow();
drop function public.workflows_delete_nodes();
drop function public.workflows_reject_referenced_key_change();
drop function public.truncate_dependent();
drop function public.raise_missing_reference(text, text, text, text);
drop function public.raise_referenced_key_change(text, text, text, text);

alter table public.nodes
  add constraint nodes_workflow_id_fkey foreign key (workflow_id)
  references public.workflows (id) on delete cascade;
alter table public.edges
  add constraint edges_workflow_id_source_fkey foreign key (workflow_id, source)
  references public.nodes (workflow_id, id) on delete cascade;
alter table public.edges
  add constraint edges_workflow_id_target_fkey foreign key (workflow_id, target)
  references public.nodes (workflow_id, id) on delete cascade;
create index edges_workflow_id_source_idx on public.edges (workflow_id, source);
create index edges_workflow_id_target_idx on public.edges (workflow_id, target);
