-- Tryliate's 10 tables, their keys, checks, indexes, row level security and realtime.
-- Runs on a real Supabase project and on the local baseline alike.

create extension if not exists pgcrypto;

-- Helpers ------------------------------------------------------------------------------

create function public.touch_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create function public.profile_color(user_id uuid) returns text
language sql immutable
set search_path = ''
as $$
  select (array['#6366f1','#ec4899','#14b8a6','#f59e0b','#8b5cf6','#ef4444','#22c55e','#0ea5e9'])
    [1 + abs(hashtext(user_id::text)) % 8]
$$;

-- Tables ---------------------------------------------------------------------------------

create table public.users (
  id uuid primary key references auth.users (id) on delete cascade,
  email text,
  display_name text,
  avatar_url text,
  color text not null default '#6366f1',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint users_display_name_length check (char_length(display_name) <= 80),
  constraint users_color_hex check (color ~ '^#[0-9a-fA-F]{6}$')
);

create table public.workflows (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references public.users (id) on delete cascade,
  name text not null default 'Untitled Workflow',
  description text,
  state jsonb not null default '{"viewport": {"x": 0, "y": 0, "zoom": 1}}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint workflows_name_length check (char_length(name) between 1 and 200)
);
create index workflows_user_id_updated_at_idx on public.workflows (user_id, updated_at desc);

create table public.nodes (
  workflow_id uuid not null references public.workflows (id) on delete cascade,
  id text not null,
  type text not null,
  data jsonb not null default '{}'::jsonb,
  position_x double precision not null default 0,
  position_y double precision not null default 0,
  width double precision,
  height double precision,
  updated_at timestamptz not null default now(),
  primary key (workflow_id, id),
  constraint nodes_id_length check (char_length(id) between 1 and 128)
);

create table public.edges (
  workflow_id uuid not null references public.workflows (id) on delete cascade,
  id text not null,
  source text not null,
  target text not null,
  source_handle text,
  target_handle text,
  data jsonb,
  primary key (workflow_id, id),
  foreign key (workflow_id, source) references public.nodes (workflow_id, id) on delete cascade,
  foreign key (workflow_id, target) references public.nodes (workflow_id, id) on delete cascade,
  constraint edges_id_length check (char_length(id) between 1 and 128)
);
create index edges_workflow_id_source_idx on public.edges (workflow_id, source);
create index edges_workflow_id_target_idx on public.edges (workflow_id, target);

create table public.mcp_registry (
  id text primary key,
  name text not null,
  url text not null,
  type text not null default 'server',
  data jsonb not null default '{}'::jsonb,
  constraint mcp_registry_type_check check (type in ('server', 'tool', 'client'))
);

create table public.mcp_authorizations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references public.users (id) on delete cascade,
  server_name text not null,
  status text not null default 'idle',
  credentials jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint mcp_authorizations_status_check check (status in ('idle', 'verified', 'revoked')),
  constraint mcp_authorizations_user_id_server_name_key unique (user_id, server_name)
);

create table public.executions (
  id text primary key,
  workflow_id uuid not null references public.workflows (id) on delete cascade,
  user_id uuid not null default auth.uid() references public.users (id) on delete cascade,
  status text not null default 'queued',
  engine text not null default 'local',
  input jsonb,
  output jsonb,
  error text,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint executions_status_check
    check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  constraint executions_engine_check check (engine in ('local', 'inngest'))
);
create index executions_workflow_id_started_at_idx on public.executions (workflow_id, started_at desc);
create index executions_user_id_idx on public.executions (user_id);

create table public.execution_logs (
  id uuid primary key default gen_random_uuid(),
  execution_id text not null references public.executions (id) on delete cascade,
  step_name text not null,
  payload jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index execution_logs_execution_id_created_at_idx
  on public.execution_logs (execution_id, created_at);

create table public.flow_space (
  id uuid primary key default gen_random_uuid(),
  thread_id text not null,
  context jsonb not null default '{}'::jsonb,
  user_id uuid not null default auth.uid() references public.users (id) on delete cascade,
  workflow_id uuid references public.workflows (id) on delete cascade,
  updated_at timestamptz not null default now(),
  constraint flow_space_user_id_thread_id_key unique (user_id, thread_id)
);
create index flow_space_workflow_id_idx on public.flow_space (workflow_id);

create table public.workflow_versions (
  id uuid primary key default gen_random_uuid(),
  workflow_id uuid not null references public.workflows (id) on delete cascade,
  user_id uuid not null default auth.uid() references public.users (id) on delete cascade,
  version integer not null,
  label text not null,
  snapshot jsonb not null,
  created_at timestamptz not null default now(),
  constraint workflow_versions_workflow_id_version_key unique (workflow_id, version),
  constraint workflow_versions_label_length check (char_length(label) between 1 and 200)
);
create index workflow_versions_user_id_idx on public.workflow_versions (user_id);

-- updated_at maintenance -----------------------------------------------------------------

create trigger users_touch_updated_at before update on public.users
  for each row execute function public.touch_updated_at();
create trigger workflows_touch_updated_at before update on public.workflows
  for each row execute function public.touch_updated_at();
create trigger nodes_touch_updated_at before update on public.nodes
  for each row execute function public.touch_updated_at();
create trigger mcp_authorizations_touch_updated_at before update on public.mcp_authorizations
  for each row execute function public.touch_updated_at();
create trigger flow_space_touch_updated_at before update on public.flow_space
  for each row execute function public.touch_updated_at();

-- Profiles follow auth.users -------------------------------------------------------------

create function public.handle_new_auth_user() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.users (id, email, display_name, avatar_url, color)
  values (
    new.id,
    new.email,
    coalesce(nullif(new.raw_user_meta_data ->> 'display_name', ''), split_part(new.email, '@', 1)),
    nullif(new.raw_user_meta_data ->> 'avatar_url', ''),
    public.profile_color(new.id)
  );
  return new;
end
$$;

create function public.handle_auth_user_email_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.users set email = new.email where id = new.id;
  return new;
end
$$;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function public.handle_new_auth_user();
create trigger on_auth_user_email_changed after update of email on auth.users
  for each row when (old.email is distinct from new.email)
  execute function public.handle_auth_user_email_change();

revoke execute on function public.handle_new_auth_user() from public, anon, authenticated;
revoke execute on function public.handle_auth_user_email_change() from public, anon, authenticated;

-- Privileges: RLS is the gate for authenticated; anon gets nothing -----------------------

revoke all on public.users, public.workflows, public.nodes, public.edges, public.mcp_registry,
  public.mcp_authorizations, public.executions, public.execution_logs, public.flow_space,
  public.workflow_versions from anon;

grant select, insert, update, delete on public.workflows, public.nodes, public.edges,
  public.mcp_registry, public.mcp_authorizations, public.executions, public.flow_space,
  public.workflow_versions to authenticated;
grant select, update on public.users to authenticated;
grant select, insert on public.execution_logs to authenticated;
revoke update, delete, truncate on public.execution_logs from authenticated;
revoke insert, delete, truncate on public.users from authenticated;

-- Row level security ---------------------------------------------------------------------

alter table public.users enable row level security;
alter table public.workflows enable row level security;
alter table public.nodes enable row level security;
alter table public.edges enable row level security;
alter table public.mcp_registry enable row level security;
alter table public.mcp_authorizations enable row level security;
alter table public.executions enable row level security;
alter table public.execution_logs enable row level security;
alter table public.flow_space enable row level security;
alter table public.workflow_versions enable row level security;

create policy users_select_own on public.users for select to authenticated
  using (id = (select auth.uid()));
create policy users_update_own on public.users for update to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));

create policy workflows_select_own on public.workflows for select to authenticated
  using (user_id = (select auth.uid()));
create policy workflows_insert_own on public.workflows for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy workflows_update_own on public.workflows for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy workflows_delete_own on public.workflows for delete to authenticated
  using (user_id = (select auth.uid()));

create policy nodes_select_own on public.nodes for select to authenticated
  using (workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid())));
create policy nodes_insert_own on public.nodes for insert to authenticated
  with check (workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid())));
create policy nodes_update_own on public.nodes for update to authenticated
  using (workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid())))
  with check (workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid())));
create policy nodes_delete_own on public.nodes for delete to authenticated
  using (workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid())));

create policy edges_select_own on public.edges for select to authenticated
  using (workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid())));
create policy edges_insert_own on public.edges for insert to authenticated
  with check (workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid())));
create policy edges_update_own on public.edges for update to authenticated
  using (workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid())))
  with check (workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid())));
create policy edges_delete_own on public.edges for delete to authenticated
  using (workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid())));

create policy workflow_versions_select_own on public.workflow_versions for select to authenticated
  using (user_id = (select auth.uid()));
create policy workflow_versions_insert_own on public.workflow_versions for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid()))
  );
create policy workflow_versions_update_own on public.workflow_versions for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy workflow_versions_delete_own on public.workflow_versions for delete to authenticated
  using (user_id = (select auth.uid()));

create policy flow_space_select_own on public.flow_space for select to authenticated
  using (user_id = (select auth.uid()));
create policy flow_space_insert_own on public.flow_space for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and (workflow_id is null
      or workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid())))
  );
create policy flow_space_update_own on public.flow_space for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy flow_space_delete_own on public.flow_space for delete to authenticated
  using (user_id = (select auth.uid()));

create policy mcp_authorizations_select_own on public.mcp_authorizations for select to authenticated
  using (user_id = (select auth.uid()));
create policy mcp_authorizations_insert_own on public.mcp_authorizations for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy mcp_authorizations_update_own on public.mcp_authorizations for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy mcp_authorizations_delete_own on public.mcp_authorizations for delete to authenticated
  using (user_id = (select auth.uid()));

create policy executions_select_own on public.executions for select to authenticated
  using (user_id = (select auth.uid()));
create policy executions_insert_own on public.executions for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and workflow_id in (select w.id from public.workflows w where w.user_id = (select auth.uid()))
  );
create policy executions_update_own on public.executions for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy executions_delete_own on public.executions for delete to authenticated
  using (user_id = (select auth.uid()));

create policy execution_logs_select_own on public.execution_logs for select to authenticated
  using (execution_id in (select e.id from public.executions e where e.user_id = (select auth.uid())));
create policy execution_logs_insert_own on public.execution_logs for insert to authenticated
  with check (execution_id in (select e.id from public.executions e where e.user_id = (select auth.uid())));

create policy mcp_registry_select_authenticated on public.mcp_registry for select to authenticated
  using (true);
create policy mcp_registry_insert_admin on public.mcp_registry for insert to authenticated
  with check (((select auth.jwt()) -> 'app_metadata' ->> 'role') = 'admin');
create policy mcp_registry_update_admin on public.mcp_registry for update to authenticated
  using (((select auth.jwt()) -> 'app_metadata' ->> 'role') = 'admin')
  with check (((select auth.jwt()) -> 'app_metadata' ->> 'role') = 'admin');
create policy mcp_registry_delete_admin on public.mcp_registry for delete to authenticated
  using (((select auth.jwt()) -> 'app_metadata' ->> 'role') = 'admin');

-- Realtime -------------------------------------------------------------------------------

alter publication supabase_realtime add table public.workflows, public.nodes, public.edges;
alter publication supabase_realtime add table public.users (id, display_name, avatar_url, color);
