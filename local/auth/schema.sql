-- Tables the local Auth server keeps next to auth.users. Column names and types follow
-- supabase/auth's own migrations, so the same rows would make sense to a real GoTrue.
-- Every statement is idempotent: run on each start.

create table if not exists auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid not null default gen_random_uuid() primary key,
  constraint identities_provider_id_provider_unique unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);

create table if not exists auth.sessions (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz,
  updated_at timestamptz,
  factor_id uuid,
  aal text,
  not_after timestamptz,
  refreshed_at timestamp without time zone,
  user_agent text,
  ip inet,
  tag text
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz,
  updated_at timestamptz,
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);
create index if not exists refresh_tokens_parent_idx on auth.refresh_tokens (parent);

create table if not exists auth.mfa_amr_claims (
  session_id uuid not null references auth.sessions (id) on delete cascade,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  authentication_method text not null,
  id uuid not null primary key,
  constraint mfa_amr_claims_session_id_authentication_method_pkey unique (session_id, authentication_method)
);

-- The one-time token columns GoTrue keeps on auth.users. Tokens are stored as
-- sha224(email || code) in hex, prefixed `pkce_` for a PKCE flow; never the code itself.
-- Altered only when a column is missing: an ALTER takes auth.users' strongest lock even when
-- there is nothing to add, and other stacks on the same database may be using the table.
do $$
begin
  if not exists (select 1 from information_schema.columns
                 where table_schema = 'auth' and table_name = 'users' and column_name = 'invited_at') then
    alter table auth.users
      add column if not exists confirmation_token varchar(255),
      add column if not exists confirmation_sent_at timestamptz,
      add column if not exists recovery_token varchar(255),
      add column if not exists recovery_sent_at timestamptz,
      add column if not exists email_change_token_new varchar(255),
      add column if not exists email_change varchar(255),
      add column if not exists email_change_sent_at timestamptz,
      add column if not exists email_change_token_current varchar(255) default '',
      add column if not exists email_change_confirm_status smallint default 0,
      add column if not exists reauthentication_token varchar(255) default '',
      add column if not exists reauthentication_sent_at timestamptz,
      add column if not exists invited_at timestamptz;
  end if;
end
$$;

-- PKCE and OAuth flow state (GoTrue's auth.flow_state): one row per started flow, its
-- auth code handed out once and exchanged once.
create table if not exists auth.flow_state (
  id uuid not null primary key,
  user_id uuid references auth.users (id) on delete cascade,
  auth_code text,
  code_challenge_method text,
  code_challenge text,
  provider_type text not null,
  provider_access_token text,
  provider_refresh_token text,
  created_at timestamptz,
  updated_at timestamptz,
  authentication_method text not null,
  auth_code_issued_at timestamptz,
  referrer text
);
create index if not exists flow_state_auth_code_idx on auth.flow_state (auth_code);
create index if not exists flow_state_user_method_idx on auth.flow_state (user_id, authentication_method);

-- MFA factors and challenges (GoTrue's auth.mfa_factors / auth.mfa_challenges).
create table if not exists auth.mfa_factors (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  friendly_name text,
  factor_type text not null,
  status text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  secret text,
  last_challenged_at timestamptz
);
create index if not exists mfa_factors_user_id_idx on auth.mfa_factors (user_id);
create unique index if not exists mfa_factors_user_friendly_name_unique
  on auth.mfa_factors (friendly_name, user_id) where trim(friendly_name) <> '';

create table if not exists auth.mfa_challenges (
  id uuid not null primary key,
  factor_id uuid not null references auth.mfa_factors (id) on delete cascade,
  created_at timestamptz not null,
  verified_at timestamptz,
  ip_address inet
);

-- WebAuthn MFA factors keep their credential on the factor row, the ceremony's session data on
-- the challenge row (GoTrue's web_authn_* columns). Altered only when a column is missing.
do $$
begin
  if not exists (select 1 from information_schema.columns
                 where table_schema = 'auth' and table_name = 'mfa_factors' and column_name = 'web_authn_credential') then
    alter table auth.mfa_factors
      add column if not exists web_authn_credential jsonb,
      add column if not exists web_authn_aaguid uuid,
      add column if not exists last_webauthn_challenge_data jsonb;
  end if;
  if not exists (select 1 from information_schema.columns
                 where table_schema = 'auth' and table_name = 'mfa_challenges' and column_name = 'web_authn_session_data') then
    alter table auth.mfa_challenges add column if not exists web_authn_session_data jsonb;
  end if;
end
$$;

-- Passkeys (GoTrue's auth.webauthn_credentials) and their ceremonies' challenges.
create table if not exists auth.webauthn_credentials (
  id uuid not null default gen_random_uuid() primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  credential_id bytea not null,
  public_key bytea not null,
  attestation_type text not null default '',
  aaguid uuid,
  sign_count bigint not null default 0,
  transports jsonb not null default '[]'::jsonb,
  backup_eligible boolean not null default false,
  backed_up boolean not null default false,
  friendly_name text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_used_at timestamptz
);
create unique index if not exists webauthn_credentials_credential_id_key on auth.webauthn_credentials (credential_id);
create index if not exists webauthn_credentials_user_id_idx on auth.webauthn_credentials (user_id);

create table if not exists auth.webauthn_challenges (
  id uuid not null default gen_random_uuid() primary key,
  user_id uuid references auth.users (id) on delete cascade,
  challenge_type text not null check (challenge_type in ('signup', 'registration', 'authentication')),
  session_data jsonb not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index if not exists webauthn_challenges_user_id_idx on auth.webauthn_challenges (user_id);
create index if not exists webauthn_challenges_expires_at_idx on auth.webauthn_challenges (expires_at);

-- The time step of the last TOTP code a factor accepted, so a code works once (not a GoTrue column).
alter table auth.mfa_factors add column if not exists last_totp_step bigint;
