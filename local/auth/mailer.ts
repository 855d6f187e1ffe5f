import nodemailer, { type Transporter } from "nodemailer";
import type { LocalStackContext } from "../context";
import { type EmailType, renderEmail } from "./email-templates";
import { AuthApiError } from "./errors";
import { RateLimiter } from "./rate-limit";

const SENDER = "Tryliate <noreply@tryliate.local>";
const HOUR_MS = 60 * 60_000;

export type OutgoingEmail = {
  to: string;
  type: EmailType;
  otp: string;
  /** The stored token hash the link carries (with its `pkce_` prefix in a PKCE flow). */
  tokenHash: string;
  /** Where the link leads after the app has verified the token (an allowed redirect_to). */
  redirectTo: string;
};

/**
 * The link an email carries: the app's `/auth/confirm` route (as Supabase's server-side auth
 * guide has the templates say), with `next` the page to open afterwards.
 */
export function confirmLink(siteUrl: string, email: OutgoingEmail): string {
  const site = new URL(siteUrl);
  const link = new URL("/auth/confirm", site);
  link.searchParams.set("token_hash", email.tokenHash);
  link.searchParams.set("type", email.type);
  const target = new URL(email.redirectTo, site);
  link.searchParams.set(
    "next",
    target.origin === site.origin ? `${target.pathname}${target.search}` : target.href,
  );
  return link.href;
}

/**
 * GoTrue's own link, what the default templates' `{{ .ConfirmationURL }}` is: this server's
 * `GET /verify`, which verifies the token and redirects to `redirect_to`.
 */
export function verifyLink(apiUrl: string, email: OutgoingEmail): string {
  const link = new URL("/auth/v1/verify", apiUrl);
  link.searchParams.set("token", email.tokenHash);
  link.searchParams.set("type", email.type);
  link.searchParams.set("redirect_to", email.redirectTo);
  return link.href;
}

/** Sends the Auth server's emails over SMTP (to the local mail catcher), within RATE_LIMIT_EMAIL_SENT. */
export class Mailer {
  private readonly transport: Transporter;
  private readonly hourly: RateLimiter;

  constructor(private readonly ctx: LocalStackContext) {
    this.transport = nodemailer.createTransport({
      host: ctx.config.host,
      port: ctx.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    this.hourly = new RateLimiter(Math.max(1, ctx.config.auth.emailRateLimit), HOUR_MS);
  }

  async send(email: OutgoingEmail) {
    const settings = this.ctx.config.auth;
    if (settings.emailRateLimit === 0 || !this.hourly.allow(["all"])) {
      throw new AuthApiError(429, "over_email_send_rate_limit", "email rate limit exceeded");
    }
    const linked = email.type !== "reauthentication";
    const content = renderEmail(email.type, {
      link: linked ? confirmLink(settings.siteUrl, email) : null,
      verifyLink: linked && this.ctx.apiUrl ? verifyLink(this.ctx.apiUrl, email) : null,
      otp: email.otp,
      email: email.to,
    });
    try {
      await this.transport.sendMail({ from: SENDER, to: email.to, ...content });
    } catch (error) {
      console.error("local auth: sending an email failed:", error);
      throw new AuthApiError(500, "unexpected_failure", `Error sending ${email.type} email`);
    }
  }

  close() {
    this.transport.close();
  }
}
