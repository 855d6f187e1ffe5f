import { WEBHOOK_BODY_LIMITS } from "@/server/triggers/webhook-body";
import { SECRET_HEADER, SIGNATURE_HEADER } from "@/server/triggers/webhook-signature";

/**
 * The raw body, read up to `maxBytes`: null when it is larger (a declared length is believed
 * before reading). The stream is left unread past the limit, never cancelled (see limitBody).
 */
export async function readBodyWithin(
  request: Request,
  maxBytes: number = WEBHOOK_BODY_LIMITS.maxBytes,
): Promise<Uint8Array | null> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Headers a run never sees: the webhook's own secret and signature, and any browser session. */
const HIDDEN_HEADERS = new Set([SECRET_HEADER, SIGNATURE_HEADER, "cookie", "authorization"]);

/** A delivery as a run's input: `input.method`, `input.query`, `input.headers`, `input.body`. */
export function deliveryInput(request: Request, body: unknown) {
  const url = new URL(request.url);
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const seen = query[key];
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of request.headers) if (!HIDDEN_HEADERS.has(key)) headers[key] = value;
  return { method: request.method, query, headers, body };
}

/** An Idempotency-Key as given (1–255 visible ASCII characters), undefined when absent, or "invalid". */
export function idempotencyKeyOf(request: Request): string | undefined | "invalid" {
  const key = request.headers.get("idempotency-key");
  if (key === null) return undefined;
  return /^[\x21-\x7e]{1,255}$/.test(key) ? key : "invalid";
}
