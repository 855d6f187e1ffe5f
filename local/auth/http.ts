import type { IncomingMessage, ServerResponse } from "node:http";
import { API_VERSION, AuthApiError } from "./errors";

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a JSON object body; an empty body is `{}` (GoTrue reads it the same way). */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AuthApiError(413, "request_too_large", "Request body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AuthApiError(
      400,
      "bad_json",
      `Could not parse request body as JSON: ${(error as Error).message}`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AuthApiError(400, "bad_json", "Could not parse request body as JSON: expected an object");
  }
  return parsed as Record<string, unknown>;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    "content-type": "application/json",
    "x-supabase-api-version": API_VERSION,
    ...headers,
  });
  res.end(JSON.stringify(body));
}

export function sendNoContent(res: ServerResponse) {
  res.writeHead(204, { "x-supabase-api-version": API_VERSION });
  res.end();
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const match = /^bearer\s+(\S+)\s*$/i.exec(headerValue(req, "authorization") ?? "");
  return match?.[1] ?? null;
}
