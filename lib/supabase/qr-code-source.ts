/**
 * An image source for the QR code Auth returns when a TOTP factor is enrolled. Supabase's Auth
 * answers a `data:image/svg+xml;utf-8,<svg …>` URL whose SVG is not percent-encoded: its first
 * `#` (in a colour) starts the URL's fragment, so the browser draws a broken image. The SVG part
 * is encoded here; an encoded or base64 URL is returned as it is.
 */
export function qrCodeSource(url: string): string {
  const comma = url.indexOf(",");
  if (!url.startsWith("data:") || comma < 0) return url;
  const header = url.slice(0, comma);
  const body = url.slice(comma + 1);
  if (header.endsWith(";base64") || !body.trimStart().startsWith("<")) return url;
  return `${header},${encodeURIComponent(body)}`;
}
