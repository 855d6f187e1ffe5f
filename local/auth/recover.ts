import { inTransaction } from "./db";
import { emailFlowInput, requireEmailProvider, sendTokenEmail } from "./email-flows";
import { validationFailed } from "./errors";
import { readJsonBody, sendJson } from "./http";
import { startUserFlow } from "./pkce";
import type { AuthRequest } from "./request";
import { findUserByEmail } from "./users";

/** POST /recover: a password-reset email; the same empty answer whether or not the address is known. */
export async function handleRecover(request: AuthRequest) {
  const body = await readJsonBody(request.req);
  requireEmailProvider(request);
  if (typeof body.email !== "string" || !body.email)
    throw validationFailed("Password recovery requires an email");
  const { email, pkce, redirectTo } = emailFlowInput(request, body);
  await inTransaction(request.ctx.pool, async (db) => {
    const user = await findUserByEmail(db, email);
    if (!user) return;
    const flow = await startUserFlow(db, pkce, user.id, "recovery");
    await sendTokenEmail(request, db, user, "recovery", { flow, redirectTo });
  });
  sendJson(request.res, 200, {});
}
