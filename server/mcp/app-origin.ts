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
