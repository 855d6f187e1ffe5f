// A guard against cross-site request forgery for state-changing route handlers. SameSite=Lax
// cookies stop other sites, but not another origin of the same site (another port or subdomain
// of the host), so the request's origin itself is checked.

const REFUSAL = { error: "Cross-origin requests are not accepted here." };

/**
 * The origins the app answers on for this request: its URL as Next.js built it, and the host
 * the browser addressed (`Host`, or a proxy's `X-Forwarded-Host` and `-Proto`). A page of another
 * origin can set none of these in a victim's browser.
 */
function ownOrigins(request: Request): Set<string> {
  const url = new URL(request.url);
  const origins = new Set([url.origin]);
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  const scheme = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.slice(0, -1);
  if (host) origins.add(`${scheme}://${host}`);
  return origins;
}

/**
 * 403 for a request sent by a page of another origin, else null. Browsers send `Origin` with
 * every POST; without it, `Sec-Fetch-Site` decides; a client sending neither is no browser, so
 * it cannot carry a victim's cookies by accident.
 */
export function refuseCrossOrigin(request: Request): Response | null {
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  const allowed =
    origin !== null
      ? ownOrigins(request).has(origin)
      : site === null || site === "same-origin" || site === "none";
  return allowed ? null : Response.json(REFUSAL, { status: 403 });
}
