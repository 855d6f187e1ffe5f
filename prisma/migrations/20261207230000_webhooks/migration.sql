-- Webhook triggers: each webhook node of a workflow gets a row here when its URL is first made.
-- The id is the URL's unguessable part; the secret is stored sealed (AES-256-GCM, the credentials
-- keyring), never in plain text. Only the server writes these rows (the privileged module, as
-- service_role): ids and secrets are made there, and a delivery is matched to its owner there.

create table public.webhooks (
  id text primary key check (id ~ '^[A-Za-z0-9_-]{32}$'),
  workflow_id uuid not null references public.workflows (id) on delete cascade,
  node_id text not null,
  user_id uuid not null references public.users (id) on delete cascade,
  -- The sealed secret (an envelope); signed-in users cannot select it (column privileges below).
  secret jsonb not null,
  -- The secret's last four characters, to tell which one a sender holds.
  secret_hint text not null,
  -- "Listen for a test event": until then, the next valid delivery is kept here instead of run.
  listen_until timestamptz,
  test_event jsonb,
  test_event_at timestamptz,
  created_at timestamptz not null default now(),
  rotated_at timestamptz not null default now(),
  unique (workflow_id, node_id)
);

create index webhooks_user_id_idx on public.webhooks (user_id);

alter table public.webhooks enable row level security;

create policy webhooks_select_own on public.webhooks for select to authenticated
  using (user_id = (select auth.uid()));
create policy webhooks_second_factor on public.webhooks as restrictive
  for all to authenticated
  using ((select public.session_meets_mfa())) with check ((select public.session_meets_mfa()));

revoke all on public.webhooks from anon, authenticated;
grant select (id, workflow_id, node_id, user_id, secret_hint, listen_until, test_event, test_event_at,
  created_at, rotated_at) on public.webhooks to authenticated;
grant select, insert, update, delete on public.webhooks to service_role;

-- Rate limit: deliveries counted per webhook and per owner in fixed one-minute windows, in the
-- database so every app instance counts the same. Nobody but the server reads or writes it.

create table public.webhook_rate_counts (
  bucket text not null,
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (bucket, window_start)
);

alter table public.webhook_rate_counts enable row level security;
revoke all on public.webhook_rate_counts from anon, authenticated;
grant select, insert, update, delete on public.webhook_rate_counts to service_role;
