-- Whether the caller's session has used the second factor they enrolled: AAL2 in the token, or
-- no verified factor at all. MCP credentials need it (the procedures that read or write them ask
-- it first, and a restrictive policy makes mcp_authorizations' rows invisible without it, the way
-- Supabase's MFA guide enforces AAL2 for enrolled users only).
-- security definer: `authenticated` cannot read auth.mfa_factors on Supabase; it answers only
-- for the caller's own factors (user_id = auth.uid()).
-- plpgsql: the body is checked when called. Locally auth.mfa_factors is made by the Auth server
-- when it starts; until it exists nobody can have enrolled a factor.

create function public.session_meets_mfa() returns boolean
language plpgsql stable
security definer
set search_path = ''
as $$
begin
  if coalesce(auth.jwt() ->> 'aal', 'aal1') = 'aal2' then
    return true;
  end if;
  if to_regclass('auth.mfa_factors') is null then
    return true;
  end if;
  return not exists (
    select 1 from auth.mfa_factors f
    where f.user_id = auth.uid() and f.status::text = 'verified'
  );
end
$$;

revoke execute on function public.session_meets_mfa() from public, anon;
grant execute on function public.session_meets_mfa() to authenticated, service_role;

create policy mcp_authorizations_second_factor on public.mcp_authorizations
  as restrictive for all to authenticated
  using ((select public.session_meets_mfa()))
  with check ((select public.session_meets_mfa()));
