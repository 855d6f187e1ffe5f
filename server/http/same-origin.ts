// A guard against cross-site request forgery for state-changing route handlers. SameSite=Lax
// cookies stop other sites, but not another origin of the same site (another port or subdomain
// of the host), so the request's origin itself is checked.

const REFUSAL = { error: "Cross-origin requests are not accepted here." };

/**
 * 403 for a request sent by a page of another origin, else null. Browsers send `Origin` with
 * every POST; without it, `Sec-Fetch-Site` decides; a client sending neither is no browser, so
 * it cannot carry a victim's cookies by accident.
 */
export function refuseCrossOrigin(request: Request): Response | null {
  const own = new URL(request.url).origin;
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  const allowed = origin !== null ? origin === own : site === null || site === "same-origin" || site === "none";
  return allowed ? null : Response.json(REFUSAL, { status: 403 });
}
