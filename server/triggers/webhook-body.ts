/** Limits of one webhook delivery's body. */
export const WEBHOOK_BODY_LIMITS = { maxBytes: 1024 * 1024, maxDepth: 32 } as const;

export type BodyRefusal = { status: 400 | 413; code: string; message: string };
export type ParsedBody = { ok: true; body: unknown } | ({ ok: false } & BodyRefusal);

/**
 * A delivery's body as run input: JSON parsed (at most maxDepth levels of nesting), a form as an
 * object of its fields (a repeated field becomes a list), anything else as text.
 */
export function parseDeliveryBody(
  raw: Uint8Array,
  contentType: string | null,
  limits: { maxBytes: number; maxDepth: number } = WEBHOOK_BODY_LIMITS,
): ParsedBody {
  if (raw.byteLength > limits.maxBytes)
    return {
      ok: false,
      status: 413,
      code: "WEBHOOK_BODY_TOO_LARGE",
      message: `The body is larger than the ${limits.maxBytes} bytes a webhook accepts.`,
    };
  const text = new TextDecoder().decode(raw);
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json" || type.endsWith("+json")) {
    if (text.trim() === "") return { ok: true, body: null };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      return {
        ok: false,
        status: 400,
        code: "WEBHOOK_BODY_INVALID",
        message: `The body is not JSON: ${(error as Error).message}`,
      };
    }
    if (depthOf(body) > limits.maxDepth)
      return {
        ok: false,
        status: 400,
        code: "WEBHOOK_BODY_TOO_DEEP",
        message: `The body nests deeper than the ${limits.maxDepth} levels a webhook accepts.`,
      };
    return { ok: true, body };
  }
  if (type === "application/x-www-form-urlencoded") {
    const fields: Record<string, string | string[]> = {};
    for (const [key, value] of new URLSearchParams(text)) {
      const seen = fields[key];
      fields[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
    }
    return { ok: true, body: fields };
  }
  return { ok: true, body: text };
}

/** Levels of nesting, without recursion (a hostile body cannot overflow the stack). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== "object") continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}
