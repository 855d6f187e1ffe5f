import type { IncomingMessage, ServerResponse } from "node:http";
import type { LocalStackContext } from "../server";
import type { RealtimeHub } from "./hub";
import { checkToken } from "./tokens";

const MAX_BODY_BYTES = 3000 * 1024;

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function decodedSegment(segment: string | undefined): string | null {
  try {
    return decodeURIComponent(segment ?? "");
  } catch {
    return null;
  }
}

/** POST /realtime/v1/api/broadcast (batch) and …/broadcast/{topic}/events/{event} (single). */
export async function handleBroadcastRequest(
  ctx: LocalStackContext,
  hub: RealtimeHub,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const single = /^\/realtime\/v1\/api\/broadcast\/([^/]+)\/events\/([^/]+)$/.exec(url.pathname);
  if (url.pathname !== "/realtime/v1/api/broadcast" && !single) return false;
  if (req.method !== "POST") {
    json(res, 405, { message: "Method not allowed" });
    return true;
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
  const apikey = req.headers.apikey;
  const token = bearer ?? (typeof apikey === "string" ? apikey : null);
  if (!token || !(await checkToken(ctx, token)).ok) {
    json(res, 401, { message: "Unauthorized" });
    return true;
  }
  const body = await readBody(req);
  if (!body) {
    json(res, 422, { errors: { messages: ["Payload size exceeds tenant limit"] } });
    return true;
  }

  if (single) {
    if (url.searchParams.get("private") === "true") {
      res.writeHead(202).end();
      return true;
    }
    const topic = decodedSegment(single[1]);
    const event = decodedSegment(single[2]);
    if (topic === null || event === null) {
      json(res, 400, { message: "Invalid topic or event: malformed percent-encoding" });
      return true;
    }
    const isJson = (req.headers["content-type"] ?? "").includes("application/json");
    let payload: unknown = body;
    if (isJson) {
      try {
        payload = JSON.parse(body.toString("utf8"));
      } catch {
        json(res, 422, { errors: { payload: ["is invalid"] } });
        return true;
      }
    }
    hub.fanOutBroadcast(`realtime:${topic}`, { event, payload, binary: true }, null);
    res.writeHead(202).end();
    return true;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    json(res, 422, { errors: { body: ["is not valid JSON"] } });
    return true;
  }
  const messages = (parsed as { messages?: unknown })?.messages;
  if (!Array.isArray(messages)) {
    json(res, 422, { errors: { messages: ["can't be blank"] } });
    return true;
  }
  const problems: Record<string, string[]> = {};
  messages.forEach((message, index) => {
    const m = message as Record<string, unknown> | null;
    const missing = ["topic", "event", "payload"].filter((key) => m?.[key] === undefined || m?.[key] === null);
    if (typeof m?.topic !== "string" || typeof m?.event !== "string") missing.push("topic/event must be strings");
    if (missing.length > 0) problems[`messages[${index}]`] = missing.map((key) => `${key} is invalid`);
  });
  if (Object.keys(problems).length > 0) {
    json(res, 422, { errors: problems });
    return true;
  }
  for (const message of messages as Record<string, unknown>[]) {
    if (message.private === true) continue; // private channels are not emulated
    const meta = typeof message.id === "string" ? { id: message.id } : undefined;
    hub.fanOutBroadcast(
      `realtime:${message.topic as string}`,
      { event: message.event as string, payload: message.payload, binary: false, meta },
      null,
    );
  }
  res.writeHead(202).end();
  return true;
}
