-- A user who enrolled a second factor and signed in with one factor (aal1) reaches none of their
-- rows until the code is entered: a restrictive policy on every table of user data, the way
-- Supabase's MFA guide enforces AAL2. It guards each path to the rows alike (the app's queries,
-- Realtime, direct SQL with a user's token); mcp_authorizations has had one since the credentials
-- needed it. The registry (public.mcp_registry) holds no user data and stays readable.
-- `(select …)`: evaluated once per statement, not per row.

do $$
declare
  table_name text;
begin
  foreach table_name in array array['users', 'workflows', 'nodes', 'edges', 'workflow_versions',
                                    'flow_space', 'executions', 'execution_logs', 'assistant_usage'] loop
    execute format(
      'create policy %I on public.%I as restrictive for all to authenticated
         using ((select public.session_meets_mfa())) with check ((select public.session_meets_mfa()))',
      table_name || '_second_factor', table_name);
  end loop;
end
$$;
