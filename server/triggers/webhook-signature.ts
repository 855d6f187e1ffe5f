import { createHmac, timingSafeEqual } from "node:crypto";

/** How a webhook's callers prove they hold its secret. */
export type WebhookAuth =
  | { mode: "header"; secret: string }
  | { mode: "hmac"; secret: string; toleranceSeconds?: number };

export const SECRET_HEADER = "x-tryliate-secret";
export const SIGNATURE_HEADER = "tryliate-signature";
/** How far a signed timestamp may be from now before the delivery counts as a replay. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * Checks a delivery against the webhook's secret. `header`: the secret itself in X-Tryliate-Secret.
 * `hmac` (the Stripe scheme): `Tryliate-Signature: t=<unix seconds>,v1=<hex>`, where v1 is
 * HMAC-SHA256 of `<t>.<raw body>` with the secret, and t within the tolerance of now (replays of an
 * old delivery fail). Comparisons take the same time whatever the input.
 */
export function verifyDelivery(
  auth: WebhookAuth,
  headers: Headers,
  rawBody: Uint8Array,
  nowMs: number = Date.now(),
): Verdict {
  if (auth.mode === "header") {
    const given = headers.get(SECRET_HEADER);
    if (!given) return { ok: false, reason: `The ${SECRET_HEADER} header is missing.` };
    return sameText(given, auth.secret) ? { ok: true } : { ok: false, reason: "The secret does not match." };
  }
  const parts = parseSignature(headers.get(SIGNATURE_HEADER));
  if (!parts)
    return { ok: false, reason: `The ${SIGNATURE_HEADER} header is missing or malformed (t=…,v1=…).` };
  const tolerance = auth.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(nowMs / 1000 - parts.timestamp) > tolerance)
    return { ok: false, reason: `The signature's timestamp is more than ${tolerance} s from now.` };
  const expected = signatureOf(auth.secret, parts.timestamp, rawBody);
  return parts.signatures.some((candidate) => sameText(candidate, expected))
    ? { ok: true }
    : { ok: false, reason: "The signature does not match the body." };
}

/** The v1 signature of a body at a timestamp (what a caller computes; also for tests and the docs' example). */
export function signatureOf(secret: string, timestampSeconds: number, rawBody: Uint8Array): string {
  return createHmac("sha256", secret).update(`${timestampSeconds}.`).update(rawBody).digest("hex");
}

function parseSignature(header: string | null): { timestamp: number; signatures: string[] } | null {
  if (!header) return null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === "v1" && value) signatures.push(value);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
