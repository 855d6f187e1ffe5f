// Which paths need a signed-in user, and where the sign-in form sends people back to.

export const LOGIN_PATH = "/login";
export const SIGNUP_PATH = "/signup";
export const FORGOT_PASSWORD_PATH = "/forgot-password";
export const RESET_PASSWORD_PATH = "/reset-password";
export const MFA_PATH = "/mfa";
export const HOME_PATH = "/workflows";

const PUBLIC_PREFIXES = [LOGIN_PATH, SIGNUP_PATH, FORGOT_PASSWORD_PATH, "/auth", "/api"];

/** App pages need a session; auth pages, auth routes and the API (which answers 401 itself) do not. */
export function isProtectedPath(pathname: string): boolean {
  if (pathname === "/") return false;
  return !PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** Pages for signed-out visitors: a signed-in one is sent on to where they were going. */
export function isAuthPage(pathname: string): boolean {
  return pathname === LOGIN_PATH || pathname === SIGNUP_PATH || pathname === FORGOT_PASSWORD_PATH;
}

// Any origin works: only whether resolving `next` keeps it matters. `.invalid` never resolves.
const PROBE_ORIGIN = "http://app.invalid";

/**
 * Where to go after sign-in: a path on the app's own origin, else the workflows list. Decided
 * by parsing, as a browser would: tabs and newlines are dropped, `\` reads as `/` and dot
 * segments collapse, so `/\t/evil.example` or `/.//evil.example` would leave the site. The
 * result is the parsed path (never starting with `//`), so what is checked is what is followed.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith("/")) return HOME_PATH;
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return HOME_PATH;
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname.startsWith("//")) return HOME_PATH;
  // Back to a sign-in page, or to the code prompt, would go round in circles.
  if (isAuthPage(url.pathname) || url.pathname === MFA_PATH) return HOME_PATH;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * The same check for a `next` that may be a whole URL (an email link's `{{ .RedirectTo }}`): an
 * absolute URL counts only on the app's own origin, reduced to its path; anything else goes
 * through safeNextPath.
 */
export function safeRedirectPath(next: string | null | undefined, appOrigin: string): string {
  if (next && !next.startsWith("/")) {
    try {
      const url = new URL(next);
      if (url.origin === appOrigin) return safeNextPath(`${url.pathname}${url.search}${url.hash}`);
    } catch {
      // Not a URL at all: refused below.
    }
    return HOME_PATH;
  }
  return safeNextPath(next);
}
