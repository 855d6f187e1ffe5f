import { escapeHtml } from "../mail/html";
/** The kinds of email the Auth server sends; also the `type` its links carry. */
export type EmailType = "signup" | "recovery" | "magiclink" | "invite" | "email_change" | "reauthentication";

export type EmailContent = { subject: string; text: string; html: string };

const COPY: Record<EmailType, { subject: string; intro: string; action: string }> = {
  signup: {
    subject: "Confirm Your Signup",
    intro: "Follow this link to confirm your user:",
    action: "Confirm your mail",
  },
  recovery: {
    subject: "Reset Your Password",
    intro: "Follow this link to reset the password for your user:",
    action: "Reset Password",
  },
  magiclink: { subject: "Your Magic Link", intro: "Follow this link to login:", action: "Log In" },
  invite: {
    subject: "You have been invited",
    intro: "You have been invited to create a user. Follow this link to accept the invite:",
    action: "Accept the invite",
  },
  email_change: {
    subject: "Confirm Email Change",
    intro: "Follow this link to confirm the update of your email:",
    action: "Change Email",
  },
  reauthentication: {
    subject: "Confirm reauthentication",
    intro: "Enter the code to confirm it is you:",
    action: "",
  },
};

/**
 * An email's text and HTML: the app's link (when the kind has one), GoTrue's default link to
 * this server's /verify beside it, and the six-digit code, as the default Supabase templates
 * offer them.
 */
export function renderEmail(
  type: EmailType,
  input: { link: string | null; verifyLink?: string | null; otp: string; email: string },
): EmailContent {
  const copy = COPY[type];
  const lines = [copy.intro];
  const htmlParts = [`<h2>${escapeHtml(copy.subject)}</h2>`, `<p>${escapeHtml(copy.intro)}</p>`];
  if (input.link) {
    lines.push(input.link);
    htmlParts.push(`<p><a href="${escapeHtml(input.link)}">${escapeHtml(copy.action)}</a></p>`);
  }
  if (input.verifyLink) {
    lines.push(`Or open it through the Auth server: ${input.verifyLink}`);
    htmlParts.push(
      `<p>Or open it <a href="${escapeHtml(input.verifyLink)}">through the Auth server</a>.</p>`,
    );
  }
  lines.push(`Or enter this code: ${input.otp}`);
  htmlParts.push(`<p>Or enter this code: <strong>${escapeHtml(input.otp)}</strong></p>`);
  htmlParts.push(`<p>This email was sent to ${escapeHtml(input.email)}.</p>`);
  return { subject: copy.subject, text: `${lines.join("\n\n")}\n`, html: htmlParts.join("\n") };
}
