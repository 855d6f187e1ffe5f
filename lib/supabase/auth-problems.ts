// Why an email link or an OAuth return failed, as fixed codes in the URL: the page words them,
// so no text from the Auth server or the provider is ever reflected into it.

export const AUTH_PROBLEMS = {
  // GoTrue answers otp_expired for a used link as for an old one.
  link_expired: {
    title: "This link is no longer valid",
    text: "Email links work once, and only for a while. Ask for a new one and open it soon.",
  },
  link_invalid: {
    title: "This link doesn't work",
    text: "It was used already, or it was cut short when copied. Ask for a new one.",
  },
  oauth_denied: {
    title: "Sign-in was cancelled",
    text: "The provider did not let us sign you in. Try again.",
  },
  oauth_state: {
    title: "This sign-in could not be verified",
    text: "It was started in another browser, or was already used. Start it again from this page.",
  },
  oauth_expired: { title: "This sign-in took too long", text: "Start it again from the sign-in page." },
  oauth_disabled: {
    title: "This provider is turned off",
    text: "Sign in with your email instead, or ask the workspace's administrator.",
  },
  oauth_email_exists: {
    title: "This email already has an account",
    text: "Sign in with your password or an email link; the provider can then be used from the same address.",
  },
  oauth_failed: {
    title: "Sign-in did not finish",
    text: "Something went wrong with the provider. Try again.",
  },
  service: { title: "The sign-in service had a problem", text: "Try again in a moment." },
} as const satisfies Record<string, { title: string; text: string }>;

export type AuthProblem = keyof typeof AUTH_PROBLEMS;

export function isAuthProblem(value: unknown): value is AuthProblem {
  return typeof value === "string" && Object.hasOwn(AUTH_PROBLEMS, value);
}
