// The app's security headers. The Content-Security-Policy carries a fresh nonce per request
// (proxy.ts); the others are the same for every response (next.config.ts `headers()`).

type Header = { key: string; value: string };

/** Headers for every response, static files included. HSTS only in production. */
export function staticSecurityHeaders(production: boolean): Header[] {
  const headers: Header[] = [
    { key: "X-Content-Type-Options", value: "nosniff" },
    // Not no-referrer: that would make browsers send `Origin: null` on the app's own form posts.
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  ];
  if (production)
    headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  return headers;
}

type CspOptions = { nonce: string; supabaseUrl: string; development: boolean };

/**
 * Scripts run only with the request's nonce (and what they load: 'strict-dynamic'); the browser
 * may talk only to the app and the Supabase project (HTTP and its Realtime websocket).
 */
export function contentSecurityPolicy({ nonce, supabaseUrl, development }: CspOptions): string {
  const supabase = new URL(supabaseUrl);
  const websocket = `${supabase.protocol === "https:" ? "wss:" : "ws:"}//${supabase.host}`;
  const directives = [
    "default-src 'self'",
    // No eval: the tool argument form validates with an interpreting JSON Schema validator.
    // React's development build needs eval for its debugging aids; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Style attributes (React Flow positions every node with one) cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    // Avatars are any https:// address a user gives.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self' ${supabase.origin} ${websocket}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** 128 random bits, base64: unguessable, one per request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
