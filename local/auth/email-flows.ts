import type { EmailType } from "./email-templates";
import { assertSendFrequency, type FlowType, issueToken, type TokenSlot } from "./email-tokens";
import { AuthApiError } from "./errors";
import { headerValue } from "./http";
import { pkceParams } from "./pkce";
import { resolveRedirect } from "./redirects";
import type { AuthRequest } from "./request";
import { providerEnabled } from "./settings";
import { type Db, normalizeEmail, type User } from "./users";

/** The request's allowed redirect (`redirect_to` in the query or body, else Referer, else the site URL). */
export function requestRedirect(request: AuthRequest, body: Record<string, unknown> = {}): string {
  const fromBody = typeof body.redirect_to === "string" ? body.redirect_to : null;
  return resolveRedirect(
    request.ctx.config.auth,
    request.query.get("redirect_to") ?? fromBody,
    headerValue(request.req, "referer"),
  );
}

const SLOT: Record<Exclude<EmailType, "email_change">, TokenSlot> = {
  signup: "confirmation",
  invite: "confirmation",
  recovery: "recovery",
  magiclink: "recovery",
  reauthentication: "reauthentication",
};

/**
 * Sends one of the single-token emails (signup, invite, recovery, magic link,
 * reauthentication): frequency check, a new token in the user's row, the email. Runs in the
 * caller's transaction, so a failed send leaves no token behind.
 */
export async function sendTokenEmail(
  request: AuthRequest,
  db: Db,
  user: User,
  type: Exclude<EmailType, "email_change">,
  options: { flow?: FlowType; redirectTo?: string } = {},
) {
  const settings = request.ctx.config.auth;
  const slot = SLOT[type];
  assertSendFrequency(user, slot, settings);
  const address = user.email ?? "";
  const { otp, hash } = await issueToken(db, user, slot, address, options.flow);
  if (type === "invite") await db.query("update auth.users set invited_at = now() where id = $1", [user.id]);
  await request.options.mailer.send({
    to: address,
    type,
    otp,
    tokenHash: hash,
    redirectTo: options.redirectTo ?? settings.siteUrl,
  });
}

/**
 * GoTrue's sendEmailChange: a token for the new address and, with secure email change on,
 * one for the current address; each gets its own email.
 */
export async function sendEmailChange(
  request: AuthRequest,
  db: Db,
  user: User,
  newEmail: string,
  options: { flow: FlowType; redirectTo: string },
) {
  const settings = request.ctx.config.auth;
  assertSendFrequency(user, "email_change_new", settings);
  await db.query(
    `update auth.users set email_change = $2, email_change_confirm_status = 0,
       email_change_token_current = '', email_change_token_new = '' where id = $1`,
    [user.id, newEmail],
  );
  const toNew = await issueToken(db, user, "email_change_new", newEmail, options.flow);
  const { mailer } = request.options;
  await mailer.send({
    to: newEmail,
    type: "email_change",
    otp: toNew.otp,
    tokenHash: toNew.hash,
    redirectTo: options.redirectTo,
  });
  if (settings.secureEmailChange && user.email) {
    const toCurrent = await issueToken(db, user, "email_change_current", user.email, options.flow);
    await mailer.send({
      to: user.email,
      type: "email_change",
      otp: toCurrent.otp,
      tokenHash: toCurrent.hash,
      redirectTo: options.redirectTo,
    });
  }
}

/** GoTrue's email-provider check: `email_provider_disabled` when the email provider is off. */
export function requireEmailProvider(request: AuthRequest, status: 400 | 422 = 400) {
  if (!providerEnabled(request.ctx.config.auth, "email")) {
    throw new AuthApiError(status, "email_provider_disabled", "Email logins are disabled");
  }
}

/** What every emailed flow reads from its body: the address, PKCE parameters and the allowed redirect. */
export function emailFlowInput(request: AuthRequest, body: Record<string, unknown>) {
  return {
    email: normalizeEmail(body.email),
    pkce: pkceParams(body),
    redirectTo: requestRedirect(request, body),
  };
}
