export type Vsn = "1.0.0" | "2.0.0";

export type InboundMessage = {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
  /** Set for binary user broadcasts (kind 3): the payload is the user's own payload. */
  binaryBroadcast?: { event: string; payload: unknown | Buffer };
};

export type OutboundMessage = {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
};

const text = new TextDecoder("utf-8", { fatal: true });

/** Decodes a client frame; throws on anything malformed. */
export function decodeFrame(data: Buffer, isBinary: boolean, vsn: Vsn): InboundMessage {
  if (isBinary) {
    if (vsn !== "2.0.0") throw new Error("binary frames need vsn 2.0.0");
    return decodeUserBroadcastPush(data);
  }
  const value: unknown = JSON.parse(text.decode(data));
  if (vsn === "2.0.0") {
    if (!Array.isArray(value) || value.length < 5)
      throw new Error("expected [join_ref, ref, topic, event, payload]");
    const [joinRef, ref, topic, event, payload] = value as unknown[];
    return {
      joinRef: refOf(joinRef),
      ref: refOf(ref),
      topic: stringOf(topic),
      event: stringOf(event),
      payload,
    };
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new Error("expected a message object");
  const message = value as Record<string, unknown>;
  return {
    joinRef: refOf(message.join_ref),
    ref: refOf(message.ref),
    topic: stringOf(message.topic),
    event: stringOf(message.event),
    payload: message.payload,
  };
}

function refOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number") return String(value);
  throw new Error("ref must be a string");
}

function stringOf(value: unknown): string {
  if (typeof value !== "string") throw new Error("topic and event must be strings");
  return value;
}

/** Kind 3: `3, len(join_ref), len(ref), len(topic), len(event), len(meta), encoding, …`. */
function decodeUserBroadcastPush(data: Buffer): InboundMessage {
  if (data.length < 7 || data[0] !== 3) throw new Error("unsupported binary frame");
  const lengths = [data[1], data[2], data[3], data[4], data[5]] as number[];
  const encoding = data[6];
  let offset = 7;
  const [joinRef, ref, topic, event, meta] = lengths.map((length) => {
    if (offset + length > data.length) throw new Error("truncated binary frame");
    const part = text.decode(data.subarray(offset, offset + length));
    offset += length;
    return part;
  }) as [string, string, string, string, string];
  const body = data.subarray(offset);
  const payload = encoding === 1 ? (JSON.parse(text.decode(body)) as unknown) : Buffer.from(body);
  if (meta) JSON.parse(meta);
  return {
    joinRef: joinRef || null,
    ref: ref || null,
    topic,
    event: "broadcast",
    payload: { type: "broadcast", event, payload },
    binaryBroadcast: { event, payload },
  };
}

export function encodeText(message: OutboundMessage, vsn: Vsn): string {
  if (vsn === "2.0.0") {
    return JSON.stringify([message.joinRef, message.ref, message.topic, message.event, message.payload]);
  }
  return JSON.stringify({
    topic: message.topic,
    event: message.event,
    payload: message.payload,
    ref: message.ref,
  });
}

/** Kind 4: `4, len(topic), len(event), len(meta)=0, encoding, topic, event, payload`. */
/** A binary frame names its topic and event in at most 255 bytes each; longer ones go as JSON text. */
export function fitsBinaryFrame(topic: string, event: string): boolean {
  return Buffer.byteLength(topic) <= 255 && Buffer.byteLength(event) <= 255;
}

export function encodeUserBroadcast(topic: string, event: string, payload: unknown | Buffer): Buffer {
  const topicBytes = Buffer.from(topic);
  const eventBytes = Buffer.from(event);
  if (topicBytes.length > 255 || eventBytes.length > 255)
    throw new Error("topic or event longer than 255 bytes");
  const binary = Buffer.isBuffer(payload);
  const body = binary ? payload : Buffer.from(JSON.stringify(payload ?? {}));
  const header = Buffer.from([4, topicBytes.length, eventBytes.length, 0, binary ? 0 : 1]);
  return Buffer.concat([header, topicBytes, eventBytes, body]);
}
