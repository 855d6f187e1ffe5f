import { isAuthPage, isProtectedPath, LOGIN_PATH, MFA_PATH, safeNextPath } from "./routes";

/** What the proxy knows about the visitor of one request. */
export type Visitor = {
  signedIn: boolean;
  /** Signed in with one factor while a verified second one is enrolled (AAL1, next level AAL2). */
  needsSecondFactor: boolean;
};

/** Assurance levels as `mfa.getAuthenticatorAssuranceLevel()` reports them. */
export type AssuranceLevels = { currentLevel: string | null; nextLevel: string | null };

/** A verified factor raises the next level to AAL2; until the session reaches it, ask for a code. */
export function needsSecondFactor(levels: AssuranceLevels | null | undefined): boolean {
  return levels?.nextLevel === "aal2" && levels.currentLevel !== "aal2";
}

/**
 * Where a request must go instead (a path with query), or null to serve it: signed-out visitors
 * to sign-in, visitors who owe a second factor to the code prompt, everyone else off the pages
 * that are not (or no longer) for them.
 */
export function accessRedirect(visitor: Visitor, pathname: string, search: string): string | null {
  const here = `${pathname}${search}`;
  const next = new URLSearchParams(search).get("next");
  if (!visitor.signedIn) {
    return isProtectedPath(pathname) ? withNext(LOGIN_PATH, here) : null;
  }
  if (pathname === MFA_PATH) return visitor.needsSecondFactor ? null : safeNextPath(next);
  if (visitor.needsSecondFactor && isProtectedPath(pathname)) return withNext(MFA_PATH, here);
  if (isAuthPage(pathname)) return safeNextPath(next);
  return null;
}

function withNext(path: string, next: string): string {
  return `${path}?${new URLSearchParams({ next }).toString()}`;
}
