-- MCP connections: registry entries that are not servers have no URL; each user's credentials
-- are readable only by the server (column privileges), and OAuth's pending `state` is kept hashed.

alter table public.mcp_registry alter column url drop not null;
alter table public.mcp_registry add constraint mcp_registry_server_url_check
  check (type <> 'server' or url is not null);

-- `server_name` holds the registry entry's id. The OAuth state is stored as its SHA-256 (hex):
-- single use (cleared when the callback consumes it) and short-lived.
alter table public.mcp_authorizations
  add column oauth_state_hash text,
  add column oauth_state_expires_at timestamptz;
create unique index mcp_authorizations_oauth_state_hash_key
  on public.mcp_authorizations (oauth_state_hash) where oauth_state_hash is not null;

-- Signed-in users reach public tables through the REST API with their own JWT on a real Supabase:
-- they may read their rows' status but never `credentials` or the OAuth state, and only the server
-- (through the privileged database module) writes authorizations, so a status cannot be forged.
revoke select, insert, update on public.mcp_authorizations from authenticated;
grant select (id, user_id, server_name, status, created_at, updated_at)
  on public.mcp_authorizations to authenticated;
