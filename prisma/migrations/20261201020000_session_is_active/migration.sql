-- Whether the caller's own Auth session still exists (not signed out, not past its not_after).
-- The app checks it with the JWT's session_id in every request transaction, so a signed-out
-- session stops at once instead of when its access token expires. `authenticated` cannot read
-- auth.sessions on Supabase, hence security definer; it answers only for the caller's own
-- sessions (user_id = auth.uid()), so it tells nobody anything about anyone else's.
-- plpgsql: the body is checked when called, so this applies before the Auth tables exist locally.

create function public.session_is_active(session_id uuid) returns boolean
language plpgsql stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from auth.sessions s
    where s.id = session_id
      and s.user_id = auth.uid()
      and (s.not_after is null or s.not_after > now())
  );
end
$$;

revoke execute on function public.session_is_active(uuid) from public, anon;
grant execute on function public.session_is_active(uuid) to authenticated, service_role;
