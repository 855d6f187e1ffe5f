import { loadUserParam, requireSecretKey } from "./admin-routes";
import { inTransaction } from "./db";
import { validationFailed } from "./errors";
import { factorJson, findOwnFactor, listFactors, removeFactor } from "./factors";
import { readJsonBody, sendJson } from "./http";
import type { AuthRequest } from "./request";

/** PUT: a new friendly name (GoTrue's adminUserUpdateFactor; phone factors are off here). */
async function renameFactor(request: AuthRequest, userId: string, factorId: string) {
  const body = await readJsonBody(request.req);
  if (body.friendly_name !== undefined && typeof body.friendly_name !== "string") {
    throw validationFailed("friendly_name must be a string");
  }
  const factor = await inTransaction(request.ctx.pool, async (db) => {
    const found = await findOwnFactor(db, userId, factorId);
    if (!body.friendly_name) return found;
    const { rows } = await db.query(
      "update auth.mfa_factors set friendly_name = $2, updated_at = now() where id = $1 returning *",
      [found.id, body.friendly_name],
    );
    return rows[0] ?? found;
  });
  sendJson(request.res, 200, factorJson(factor));
}

/** DELETE: removes the factor; the sessions it raised fall back to aal1 → the factor. */
async function deleteFactor(request: AuthRequest, userId: string, factorId: string) {
  const factor = await inTransaction(request.ctx.pool, async (db) => {
    const found = await findOwnFactor(db, userId, factorId);
    await removeFactor(db, found.id);
    return found;
  });
  sendJson(request.res, 200, factorJson(factor));
}

/** GoTrue's admin factor routes: /admin/users/:id/factors[/:factor_id] (secret key only). */
export async function handleAdminFactors(request: AuthRequest): Promise<boolean> {
  const match = /^\/admin\/users\/([^/]+)\/factors(?:\/([^/]+))?$/.exec(request.path);
  if (!match) return false;
  const [, userId = "", factorId] = match;
  const method = request.req.method;
  const known = factorId ? method === "PUT" || method === "DELETE" : method === "GET";
  if (!known) return false;
  requireSecretKey(request);
  const user = await loadUserParam(request, userId);
  if (!factorId) {
    sendJson(request.res, 200, (await listFactors(request.ctx.pool, user.id)).map(factorJson));
  } else if (method === "PUT") await renameFactor(request, user.id, factorId);
  else await deleteFactor(request, user.id, factorId);
  return true;
}
