/**
 * The app's public origin, for the OAuth redirect URI: TRYLIATE_APP_URL when set (production),
 * else the origin the request came from, else the dev server's.
 */
export function appOrigin(requestOrigin?: string | null): string {
  const configured = process.env.TRYLIATE_APP_URL;
  if (configured) return new URL(configured).origin;
  if (requestOrigin) {
    try {
      return new URL(requestOrigin).origin;
    } catch {}
  }
  return `http://localhost:${process.env.PORT || 3000}`;
}

/** The origin the browser used for a route request (Host, or the proxy's X-Forwarded-* headers). */
export function requestOrigin(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  if (!host || !/^[A-Za-z0-9.[\]:-]+$/.test(host) || (proto !== "http" && proto !== "https"))
    return url.origin;
  return `${proto}://${host}`;
}
