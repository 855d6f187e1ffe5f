import { inTransaction } from "./db";
import { requestRedirect } from "./email-flows";
import { AuthApiError, validationFailed } from "./errors";
import { errorRedirectUrl, redirect, sessionRedirectUrl, signIn } from "./grant";
import { userForIdentity } from "./oauth-accounts";
import { isLocalProvider, providerClient } from "./oauth-provider";
import { createFlowState, FLOW_STATE_TTL_SECONDS, pkceParams } from "./pkce";
import type { AuthRequest } from "./request";
import { providerEnabled } from "./settings";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_SCOPES = "openid email profile";

function providerIssuer(request: AuthRequest): string {
  const issuer = request.ctx.oidcIssuer;
  if (!issuer) throw new AuthApiError(500, "unexpected_failure", "The local OpenID provider is not running");
  return issuer;
}

/** GET /authorize?provider&redirect_to&code_challenge…: a flow state, then off to the provider. */
export async function handleAuthorize(request: AuthRequest) {
  const name = (request.query.get("provider") ?? "").toLowerCase();
  if (!isLocalProvider(name))
    throw validationFailed(`Unsupported provider: Provider ${name} could not be found`);
  if (!providerEnabled(request.ctx.config.auth, name))
    throw validationFailed("Unsupported provider: provider is not enabled");
  const pkce = pkceParams(Object.fromEntries(request.query));
  const referrer = requestRedirect(request);
  const state = await createFlowState(request.ctx.pool, {
    providerType: name,
    authenticationMethod: "oauth",
    pkce,
    referrer,
  });
  const scopes = [DEFAULT_SCOPES, request.query.get("scopes") ?? ""].join(" ").trim();
  const location = providerClient(providerIssuer(request), name).authorizationUrl({
    redirectUri: `${request.issuer}/callback`,
    state,
    scopes: [...new Set(scopes.split(/\s+/))].join(" "),
  });
  redirect(request, 302, location);
}

type FlowRow = {
  id: string;
  provider_type: string;
  referrer: string | null;
  user_id: string | null;
  auth_code: string | null;
  created_at: Date;
};

async function loadState(request: AuthRequest): Promise<FlowRow> {
  const state = request.query.get("state") ?? "";
  if (!state) throw new AuthApiError(400, "bad_oauth_callback", "OAuth state parameter missing");
  if (!UUID_PATTERN.test(state))
    throw new AuthApiError(400, "bad_oauth_state", "OAuth state parameter is invalid");
  const { rows } = await request.ctx.pool.query<FlowRow>(
    "select id, provider_type, referrer, user_id, auth_code, created_at from auth.flow_state where id = $1 and authentication_method = 'oauth'",
    [state],
  );
  const flow = rows[0];
  if (!flow) throw new AuthApiError(400, "bad_oauth_state", "OAuth state not found or expired");
  if (Date.now() > flow.created_at.getTime() + FLOW_STATE_TTL_SECONDS * 1000) {
    throw new AuthApiError(400, "bad_oauth_state", "OAuth state has expired");
  }
  if (flow.auth_code && flow.user_id)
    throw new AuthApiError(400, "flow_state_already_used", "State has already been used");
  return flow;
}

async function completeCallback(request: AuthRequest, flow: FlowRow): Promise<string> {
  const providerError = request.query.get("error");
  if (providerError) {
    const description = request.query.get("error_description") ?? providerError;
    throw new AuthApiError(403, "bad_oauth_callback", description);
  }
  const code = request.query.get("code");
  if (!code)
    throw new AuthApiError(400, "bad_oauth_callback", "OAuth callback with missing authorization code");
  if (!isLocalProvider(flow.provider_type)) throw validationFailed("Unsupported provider");
  const issuer = providerIssuer(request);
  const exchanged = await providerClient(issuer, flow.provider_type).exchange(
    code,
    `${request.issuer}/callback`,
  );
  const target = flow.referrer ?? request.ctx.config.auth.siteUrl;
  return inTransaction(request.ctx.pool, async (db) => {
    const { rows } = await db.query<{ user_id: string | null }>(
      "select user_id from auth.flow_state where id = $1 for update",
      [flow.id],
    );
    if (!rows[0] || rows[0].user_id)
      throw new AuthApiError(400, "flow_state_already_used", "State has already been used");
    const user = await userForIdentity(db, flow.provider_type, issuer, exchanged.claims);
    if (flow.auth_code) {
      await db.query(
        `update auth.flow_state set user_id = $2, provider_access_token = $3, provider_refresh_token = $4,
           auth_code_issued_at = now(), updated_at = now() where id = $1`,
        [flow.id, user.id, exchanged.accessToken, exchanged.refreshToken],
      );
      const url = new URL(target);
      url.searchParams.set("code", flow.auth_code);
      return url.href;
    }
    await db.query("delete from auth.flow_state where id = $1", [flow.id]);
    const token = await signIn(request, db, user, "oauth");
    const extra: Record<string, string> = { provider_token: exchanged.accessToken };
    if (exchanged.refreshToken) extra.provider_refresh_token = exchanged.refreshToken;
    return sessionRedirectUrl(target, token, extra);
  });
}

/**
 * GET /callback?code&state from the provider. A bad state goes back to the site URL with the
 * error in the query (GoTrue's loadFlowState); later errors to the flow's redirect, in query
 * and fragment (GoTrue's redirectErrors).
 */
export async function handleCallback(request: AuthRequest) {
  let flow: FlowRow;
  try {
    flow = await loadState(request);
  } catch (error) {
    if (!(error instanceof AuthApiError)) throw error;
    const url = new URL(errorRedirectUrl(request.ctx.config.auth.siteUrl, error, true));
    url.hash = "";
    return redirect(request, 303, url.href);
  }
  try {
    redirect(request, 302, await completeCallback(request, flow));
  } catch (error) {
    if (!(error instanceof AuthApiError)) throw error;
    redirect(request, 302, errorRedirectUrl(flow.referrer ?? request.ctx.config.auth.siteUrl, error, true));
  }
}
