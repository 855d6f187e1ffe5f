import { loadUserParam, requireSecretKey } from "./admin-routes";
import { sendJson, sendNoContent } from "./http";
import { findOwnPasskey, listPasskeys, passkeyJson } from "./passkeys";
import type { AuthRequest } from "./request";

/** GET /admin/users/:id/passkeys and DELETE /admin/users/:id/passkeys/:passkey_id (secret key only). */
export async function handleAdminPasskeys(request: AuthRequest): Promise<boolean> {
  const match = /^\/admin\/users\/([^/]+)\/passkeys(?:\/([^/]+))?$/.exec(request.path);
  const method = request.req.method;
  if (!match || !((method === "GET" && !match[2]) || (method === "DELETE" && match[2]))) return false;
  const [, userId = "", passkeyId] = match;
  requireSecretKey(request);
  const user = await loadUserParam(request, userId);
  if (!passkeyId) {
    sendJson(request.res, 200, (await listPasskeys(request.ctx.pool, user.id)).map(passkeyJson));
    return true;
  }
  const passkey = await findOwnPasskey(request.ctx.pool, user.id, passkeyId);
  await request.ctx.pool.query("delete from auth.webauthn_credentials where id = $1", [passkey.id]);
  sendNoContent(request.res);
  return true;
}
