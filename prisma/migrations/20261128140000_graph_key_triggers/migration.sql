-- The graph's references (node → workflow, edge → its two nodes) are kept by statement-level
-- triggers instead of foreign keys. Postgres checks a foreign key with one query per written
-- row (about 15 µs each here): saving a 1,000-node / 1,500-edge graph ran 5,500 of them,
-- most of the save's time. These triggers check a whole statement at once, with the same
-- guarantees as the keys they replace:
--   * no node without its workflow and no edge without both endpoint nodes, checked at the end
--     of every statement that writes nodes or edges, the referenced rows locked FOR KEY SHARE
--     as a foreign key check does (a row deleted concurrently cannot be locked: it is missing);
--   * deleting or truncating workflows deletes their nodes, deleting or truncating nodes deletes
--     their edges (was ON DELETE CASCADE);
--   * a referenced key cannot change (was ON UPDATE NO ACTION).
-- edges.workflow_id had a key of its own to workflows; it is implied by the endpoints' one.
-- The indexes on edges (workflow_id, source) and (workflow_id, target) served the foreign keys'
-- cascades; the triggers find a node's edges through the primary key's workflow_id prefix (a
-- workflow holds at most 4,000 edges), and every edge written costs two index entries less.
-- The functions are SECURITY DEFINER because foreign key checks and cascades bypass row level
-- security too; what a user may write is still decided by the tables' policies.

alter table public.edges drop constraint edges_workflow_id_fkey;
alter table public.edges drop constraint edges_workflow_id_source_fkey;
alter table public.edges drop constraint edges_workflow_id_target_fkey;
alter table public.nodes drop constraint nodes_workflow_id_fkey;
drop index public.edges_workflow_id_source_idx;
drop index public.edges_workflow_id_target_idx;

create function public.raise_missing_reference(constraint_name text, child text, parent text, key text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception using
    errcode = 'foreign_key_violation',
    constraint = constraint_name,
    message = format('insert or update on table "%s" violates foreign key constraint "%s"', child, constraint_name),
    detail = format('Key %s is not present in table "%s".', key, parent);
end
$$;

create function public.raise_referenced_key_change(constraint_name text, parent text, child text, key text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception using
    errcode = 'foreign_key_violation',
    constraint = constraint_name,
    message = format('update on table "%s" violates foreign key constraint "%s" on table "%s"', parent, constraint_name, child),
    detail = format('Key %s is still referenced from table "%s".', key, child);
end
$$;

-- Truncating a table truncates the one that references it (its only argument, in public).
create function public.truncate_dependent() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  execute format('truncate public.%I', tg_argv[0]);
  return null;
end
$$;

-- Nodes → workflows ------------------------------------------------------------------------

create function public.nodes_check_workflow() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  missing uuid;
begin
  select wanted.workflow_id into missing
    from (select distinct workflow_id from new_nodes) wanted
   where not exists (select 1 from public.workflows w where w.id = wanted.workflow_id for key share)
   limit 1;
  if found then
    perform public.raise_missing_reference('nodes_workflow_id_fkey', 'nodes', 'workflows', format('(workflow_id)=(%s)', missing));
  end if;
  return null;
end
$$;

create trigger nodes_check_inserted_workflow after insert on public.nodes
  referencing new table as new_nodes
  for each statement execute function public.nodes_check_workflow();
create trigger nodes_check_updated_workflow after update on public.nodes
  referencing new table as new_nodes
  for each statement execute function public.nodes_check_workflow();

create function public.workflows_delete_nodes() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public.nodes n where n.workflow_id in (select id from old_workflows);
  return null;
end
$$;

create trigger workflows_delete_nodes after delete on public.workflows
  referencing old table as old_workflows
  for each statement execute function public.workflows_delete_nodes();

create trigger workflows_truncate_nodes before truncate on public.workflows
  for each statement execute function public.truncate_dependent('nodes');

create function public.workflows_reject_referenced_key_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not exists (select 1 from public.workflows w where w.id = old.id)
     and exists (select 1 from public.nodes n where n.workflow_id = old.id) then
    perform public.raise_referenced_key_change('nodes_workflow_id_fkey', 'workflows', 'nodes', format('(id)=(%s)', old.id));
  end if;
  return null;
end
$$;

-- Row-level, but queued only for rows whose key changed; it runs once the statement is done.
create trigger workflows_reject_referenced_key_change after update of id on public.workflows
  for each row when (old.id is distinct from new.id)
  execute function public.workflows_reject_referenced_key_change();

-- Edges → nodes ----------------------------------------------------------------------------

create function public.edges_check_endpoints() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  missing record;
begin
  select wanted.workflow_id, wanted.id into missing
    from (select workflow_id, source as id from new_edges
          union
          select workflow_id, target from new_edges) wanted
   where not exists (select 1 from public.nodes n
                      where n.workflow_id = wanted.workflow_id and n.id = wanted.id
                      for key share)
   limit 1;
  if found then
    perform public.raise_missing_reference('edges_endpoints_fkey', 'edges', 'nodes',
      format('(workflow_id, id)=(%s, %s)', missing.workflow_id, missing.id));
  end if;
  return null;
end
$$;

create trigger edges_check_inserted_endpoints after insert on public.edges
  referencing new table as new_edges
  for each statement execute function public.edges_check_endpoints();
create trigger edges_check_updated_endpoints after update on public.edges
  referencing new table as new_edges
  for each statement execute function public.edges_check_endpoints();

create function public.nodes_delete_edges() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- The workflow_id filter keeps the plan on the primary key however big the table grows.
  delete from public.edges e
   where e.workflow_id in (select workflow_id from old_nodes)
     and ((e.workflow_id, e.source) in (select workflow_id, id from old_nodes)
          or (e.workflow_id, e.target) in (select workflow_id, id from old_nodes));
  return null;
end
$$;

create trigger nodes_delete_edges after delete on public.nodes
  referencing old table as old_nodes
  for each statement execute function public.nodes_delete_edges();

create trigger nodes_truncate_edges before truncate on public.nodes
  for each statement execute function public.truncate_dependent('edges');

create function public.nodes_reject_referenced_key_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not exists (select 1 from public.nodes n where n.workflow_id = old.workflow_id and n.id = old.id)
     and exists (select 1 from public.edges e
                  where e.workflow_id = old.workflow_id and (e.source = old.id or e.target = old.id)) then
    perform public.raise_referenced_key_change('edges_endpoints_fkey', 'nodes', 'edges',
      format('(workflow_id, id)=(%s, %s)', old.workflow_id, old.id));
  end if;
  return null;
end
$$;

create trigger nodes_reject_referenced_key_change after update of workflow_id, id on public.nodes
  for each row when (old.workflow_id is distinct from new.workflow_id or old.id is distinct from new.id)
  execute function public.nodes_reject_referenced_key_change();

revoke execute on function
  public.raise_missing_reference(text, text, text, text),
  public.raise_referenced_key_change(text, text, text, text),
  public.truncate_dependent(), public.nodes_check_workflow(), public.workflows_delete_nodes(),
  public.workflows_reject_referenced_key_change(), public.edges_check_endpoints(),
  public.nodes_delete_edges(), public.nodes_reject_referenced_key_change()
  from public, anon, authenticated;
