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

/** Only same-site paths are followed after sign-in (no `//evil.example` or absolute URLs). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return HOME_PATH;
  if (isAuthPage(next.split("?")[0] ?? "")) return HOME_PATH;
  return next;
}
