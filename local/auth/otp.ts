import { randomBytes } from "node:crypto";
import { inTransaction } from "./db";
import { emailFlowInput, requireEmailProvider, sendTokenEmail } from "./email-flows";
import { AuthApiError, badRequest, validationFailed } from "./errors";
import { readJsonBody, sendJson } from "./http";
import { hashPassword } from "./passwords";
import { startUserFlow } from "./pkce";
import type { AuthRequest } from "./request";
import { findUserByEmail, findUserById, insertEmailUser } from "./users";

function metadata(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * POST /otp with an email (GoTrue's MagicLink): a magic link with a code to a confirmed user;
 * an unknown address is signed up first unless `create_user` is false; a user still to be
 * confirmed gets the confirmation email, which signs in just the same.
 */
export async function handleOtp(request: AuthRequest) {
  const body = await readJsonBody(request.req);
  const settings = request.ctx.config.auth;
  const hasEmail = typeof body.email === "string" && body.email !== "";
  const hasPhone = typeof body.phone === "string" && body.phone !== "";
  if (hasEmail && hasPhone)
    throw validationFailed("Only an email address or phone number should be provided");
  if (hasPhone) throw badRequest("phone_provider_disabled", "Unsupported phone provider");
  if (!hasEmail) throw validationFailed("One of email or phone must be set");
  requireEmailProvider(request, 422);
  const { email, pkce, redirectTo } = emailFlowInput(request, body);
  const createUser = body.create_user !== false;

  await inTransaction(request.ctx.pool, async (db) => {
    await db.query("select pg_advisory_xact_lock(hashtext('auth.signup:' || $1::text))", [email]);
    let user = await findUserByEmail(db, email);
    if (!user && !createUser) throw new AuthApiError(422, "otp_disabled", "Signups not allowed for otp");
    if (!user) {
      const passwordHash = await hashPassword(randomBytes(33).toString("base64url"));
      const created = await insertEmailUser(db, {
        email,
        passwordHash,
        userMetadata: metadata(body.data),
        confirmed: settings.mailerAutoconfirm,
      });
      user = (await findUserById(db, created.id)) ?? created;
    }
    const confirmed = !!user.email_confirmed_at;
    const method = confirmed ? "magiclink" : "email/signup";
    const flow = await startUserFlow(db, pkce, user.id, method);
    await sendTokenEmail(request, db, user, confirmed ? "magiclink" : "signup", { flow, redirectTo });
  });
  sendJson(request.res, 200, {});
}
