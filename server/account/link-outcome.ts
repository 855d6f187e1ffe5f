import { isAuthError } from "@supabase/supabase-js";
import type { AuthProblem } from "@/lib/supabase/auth-problems";
import { RESET_PASSWORD_PATH, safeRedirectPath } from "@/lib/supabase/routes";

/** The email link types GoTrue's templates send (`{{ .TokenHash }}` with `type=`). */
export const EMAIL_LINK_TYPES = [
  "signup",
  "invite",
  "magiclink",
  "recovery",
  "email_change",
  "email",
] as const;
export type EmailLinkType = (typeof EMAIL_LINK_TYPES)[number];

export function isEmailLinkType(value: string | null): value is EmailLinkType {
  return EMAIL_LINK_TYPES.some((type) => type === value);
}

/**
 * Where a verified email link leads: a new password for recovery and invites, the account page
 * for an email change (half done while the other address has not confirmed yet: no session
 * comes back then), else the page the link was sent from, through the sign-in redirect check.
 */
export function confirmedDestination(
  type: EmailLinkType,
  next: string | null,
  options: { appOrigin: string; signedIn: boolean },
): string {
  const back = safeRedirectPath(next, options.appOrigin);
  switch (type) {
    case "recovery":
      return RESET_PASSWORD_PATH;
    case "invite":
      return `${RESET_PASSWORD_PATH}?invited=1`;
    case "email_change":
      return `/account?notice=${options.signedIn ? "email-changed" : "email-change-half"}`;
    default:
      return back;
  }
}

/** The page that explains why a link or an OAuth return did not sign anyone in. */
export function problemPath(problem: AuthProblem): string {
  return `/auth/error?problem=${problem}`;
}

/** An error from verifyOtp as one of the problems the error page words. */
export function linkProblem(error: unknown): AuthProblem {
  if (isAuthError(error) && error.code === "otp_expired") return "link_expired";
  if (isAuthError(error) && (error.status ?? 0) >= 500) return "service";
  return "link_invalid";
}

/**
 * A failed OAuth return as a problem: GoTrue's redirect carries `error` / `error_code`, and
 * exchangeCodeForSession fails for a replayed or foreign code or a missing PKCE verifier.
 */
export function oauthProblem(errorCode: string | null, error: unknown): AuthProblem {
  const code = errorCode ?? (isAuthError(error) ? error.code : undefined);
  switch (code) {
    case "access_denied":
      return "oauth_denied";
    case "bad_oauth_state":
    case "bad_oauth_callback":
    case "pkce_code_verifier_not_found":
    case "bad_code_verifier":
      return "oauth_state";
    case "flow_state_expired":
    case "flow_state_not_found":
      return "oauth_expired";
    case "provider_disabled":
      return "oauth_disabled";
    case "email_exists":
    case "identity_already_exists":
      return "oauth_email_exists";
  }
  if (isAuthError(error) && (error.status ?? 0) >= 500) return "service";
  return "oauth_failed";
}
