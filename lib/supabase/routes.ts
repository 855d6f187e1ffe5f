// Which paths need a signed-in user, and where the sign-in form sends people back to.

export const LOGIN_PATH = "/login";
export const SIGNUP_PATH = "/signup";
export const HOME_PATH = "/workflows";

const PUBLIC_PREFIXES = ["/login", "/signup", "/auth", "/api"];

/** App pages need a session; auth pages, auth routes and the API (which answers 401 itself) do not. */
export function isProtectedPath(pathname: string): boolean {
  if (pathname === "/") return false;
  return !PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

export function isAuthPage(pathname: string): boolean {
  return pathname === LOGIN_PATH || pathname === SIGNUP_PATH;
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
  if (isAuthPage(url.pathname)) return HOME_PATH;
  return `${url.pathname}${url.search}${url.hash}`;
}
