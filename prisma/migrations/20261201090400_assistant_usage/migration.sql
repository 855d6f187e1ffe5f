-- Trymate's per-user budget, shared by every server instance and kept across restarts: the
-- tokens used on the current UTC day and the times (epoch ms) of the requests of the last minute.
-- Only the server writes it (the privileged module, as service_role): a user who could update
-- their own row through the REST API could reset their own allowance.

create table public.assistant_usage (
  user_id uuid primary key references public.users (id) on delete cascade,
  day date not null,
  tokens bigint not null default 0,
  recent_requests jsonb not null default '[]'::jsonb,
  updated_at timestamptz not null default now(),
  constraint assistant_usage_tokens_check check (tokens >= 0)
);

alter table public.assistant_usage enable row level security;

create policy assistant_usage_select_own on public.assistant_usage for select to authenticated
  using (user_id = (select auth.uid()));

revoke all on public.assistant_usage from anon, authenticated;
grant select on public.assistant_usage to authenticated;
grant select, insert, update, delete on public.assistant_usage to service_role;
