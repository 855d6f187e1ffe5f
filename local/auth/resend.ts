import { inTransaction } from "./db";
import { emailFlowInput, requireEmailProvider, sendEmailChange, sendTokenEmail } from "./email-flows";
import { badRequest, validationFailed } from "./errors";
import { readJsonBody, sendJson } from "./http";
import { startUserFlow } from "./pkce";
import type { AuthRequest } from "./request";
import { findUserByEmail } from "./users";

/** POST /resend {type: signup | email_change, email}: the pending email again; {} whatever happens. */
export async function handleResend(request: AuthRequest) {
  const body = await readJsonBody(request.req);
  const type = typeof body.type === "string" ? body.type : "";
  if (!["signup", "email_change", "sms", "phone_change"].includes(type)) {
    throw validationFailed("Missing one of these types: signup, email_change, sms, phone_change");
  }
  const hasEmail = typeof body.email === "string" && body.email !== "";
  const hasPhone = typeof body.phone === "string" && body.phone !== "";
  if (hasEmail && hasPhone)
    throw validationFailed("Only an email address or phone number should be provided.");
  if (type === "sms" || type === "phone_change") {
    if (!hasPhone) throw validationFailed("Type provided requires a phone number");
    throw badRequest("phone_provider_disabled", "Phone logins are disabled");
  }
  if (!hasEmail) throw validationFailed("Type provided requires an email address");
  requireEmailProvider(request);
  const { email, pkce, redirectTo } = emailFlowInput(request, body);

  await inTransaction(request.ctx.pool, async (db) => {
    const user = await findUserByEmail(db, email);
    if (!user) return;
    if (type === "signup") {
      if (user.email_confirmed_at) return;
      const flow = await startUserFlow(db, pkce, user.id, "email/signup");
      await sendTokenEmail(request, db, user, "signup", { flow, redirectTo });
      return;
    }
    if (!user.email_change) return;
    const flow = await startUserFlow(db, pkce, user.id, "email_change");
    await sendEmailChange(request, db, user, user.email_change, { flow, redirectTo });
  });
  sendJson(request.res, 200, {});
}
