import type { IncomingMessage, ServerResponse } from "node:http";
import type { LocalStackContext } from "../context";
import { authorizeTopic } from "./authorization";
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
  const check = token ? await checkToken(ctx, token) : null;
  if (!check?.ok) {
    json(res, 401, { message: "Unauthorized" });
    return true;
  }
  // Private topics take a message only from a caller their policies let send (the secret
  // key's service_role passes RLS); others are dropped, as Supabase does.
  const maySend = async (topic: string) =>
    (await authorizeTopic(ctx.pool, topic, check.claims)).broadcast.write;
  const body = await readBody(req);
  if (!body) {
    json(res, 422, { errors: { messages: ["Payload size exceeds tenant limit"] } });
    return true;
  }

  if (single) {
    const isPrivate = url.searchParams.get("private") === "true";
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
    if (!isPrivate || (await maySend(topic))) {
      hub.fanOutBroadcast(`realtime:${topic}`, { event, payload, binary: true }, null, isPrivate);
    }
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
    const missing = ["topic", "event", "payload"].filter(
      (key) => m?.[key] === undefined || m?.[key] === null,
    );
    if (typeof m?.topic !== "string" || typeof m?.event !== "string")
      missing.push("topic/event must be strings");
    if (missing.length > 0) problems[`messages[${index}]`] = missing.map((key) => `${key} is invalid`);
  });
  if (Object.keys(problems).length > 0) {
    json(res, 422, { errors: problems });
    return true;
  }
  for (const message of messages as Record<string, unknown>[]) {
    const isPrivate = message.private === true;
    if (isPrivate && !(await maySend(message.topic as string))) continue;
    const meta = typeof message.id === "string" ? { id: message.id } : undefined;
    hub.fanOutBroadcast(
      `realtime:${message.topic as string}`,
      { event: message.event as string, payload: message.payload, binary: false, meta },
      null,
      isPrivate,
    );
  }
  res.writeHead(202).end();
  return true;
}
