import { randomUUID } from "node:crypto";
import type { WebSocket } from "ws";
import type { LocalStackContext } from "../context";
import { authorizeTopic, canReadAny, type Extension, type Policies } from "./authorization";
import { PostgresChanges, toBinding } from "./postgres-changes";
import { type PresenceDiff, PresenceRegistry } from "./presence";
import {
  decodeFrame,
  encodeText,
  encodeUserBroadcast,
  fitsBinaryFrame,
  type InboundMessage,
  type Vsn,
} from "./serializer";
import { type Claims, checkToken } from "./tokens";
import type { Channel, Connection } from "./types";

const MAX_EXPIRY_CHECK_MS = 5 * 60_000;

/** A broadcast on its way to subscribers: `binary` = framed as kind 4 for vsn 2 peers. */
export type BroadcastMessage = {
  event: string;
  payload: unknown;
  binary: boolean;
  meta?: Record<string, unknown>;
};

/** The fan-out key of a topic: Supabase keeps private and public channels of one name apart. */
export function roomOf(topic: string, isPrivate: boolean): string {
  return `${isPrivate ? "private" : "public"}|${topic}`;
}

/** Whether a channel may receive an extension's messages (public channels always may). */
function mayRead(channel: Channel, extension: Extension): boolean {
  return channel.policies === null || channel.policies[extension].read;
}

function unauthorized(subTopic: string): string {
  return `You do not have permissions to read from this Channel topic: ${subTopic}`;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function asBool(value: unknown, fallback: boolean): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return fallback;
}

/** All sockets and channels of this Realtime instance. */
export class RealtimeHub {
  readonly connections = new Set<Connection>();
  private readonly topics = new Map<string, Set<Channel>>();
  private readonly presence = new PresenceRegistry();
  readonly changes: PostgresChanges;

  constructor(private readonly ctx: LocalStackContext) {
    this.changes = new PostgresChanges(ctx.pool, () => this.allChannels());
  }

  *allChannels(): Iterable<Channel> {
    for (const channels of this.topics.values()) yield* channels;
  }

  attach(ws: WebSocket, vsn: Vsn, socketClaims: Claims): void {
    const connection: Connection = {
      ws,
      vsn,
      socketClaims,
      channels: new Map(),
      send: (message) => {
        if (ws.readyState === ws.OPEN) ws.send(encodeText(message, vsn));
      },
      sendBinary: (frame) => {
        if (ws.readyState === ws.OPEN) ws.send(frame, { binary: true });
      },
    };
    this.connections.add(connection);
    ws.on("message", (data, isBinary) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      let message: InboundMessage;
      try {
        message = decodeFrame(buffer, isBinary, vsn);
      } catch {
        // Phoenix closes the socket on a frame it cannot decode.
        ws.close(1003, "invalid message");
        return;
      }
      this.handle(connection, message).catch((error) => {
        console.error("realtime: message failed", error);
        this.reply(connection, message, "error", { reason: "Unknown Error on Channel" });
      });
    });
    ws.on("close", () => {
      this.connections.delete(connection);
      for (const channel of connection.channels.values()) this.removeChannel(channel);
    });
    ws.on("error", () => {});
  }

  private reply(connection: Connection, message: InboundMessage, status: "ok" | "error", response: unknown) {
    connection.send({
      joinRef: message.joinRef,
      ref: message.ref,
      topic: message.topic,
      event: "phx_reply",
      payload: { status, response },
    });
  }

  private async handle(connection: Connection, message: InboundMessage): Promise<void> {
    if (message.topic === "phoenix" && message.event === "heartbeat") {
      this.reply(connection, message, "ok", {});
      return;
    }
    if (message.event === "phx_join") {
      await this.join(connection, message);
      return;
    }
    const channel = connection.channels.get(message.topic);
    if (!channel) {
      if (message.event === "phx_leave") this.reply(connection, message, "ok", {});
      else this.reply(connection, message, "error", { reason: "unmatched topic" });
      return;
    }
    switch (message.event) {
      case "phx_leave":
        this.reply(connection, message, "ok", {});
        this.close(channel);
        return;
      case "broadcast":
        this.onBroadcast(channel, message);
        return;
      case "presence":
        this.onPresence(channel, message);
        return;
      case "access_token":
        await this.onAccessToken(channel, asRecord(message.payload).access_token);
        return;
      default:
        this.reply(connection, message, "error", { reason: "unknown event" });
    }
  }

  private async join(connection: Connection, message: InboundMessage): Promise<void> {
    const fail = (reason: string) => this.reply(connection, message, "error", { reason });
    if (!message.topic.startsWith("realtime:")) return fail("UnknownErrorOnChannel: unknown topic");
    const subTopic = message.topic.slice("realtime:".length);
    if (subTopic === "") return fail("TopicNameRequired: You must provide a topic name");
    const payload = asRecord(message.payload);
    const config = asRecord(payload.config);
    const isPrivate = asBool(config.private, false);
    if (!isPrivate && this.ctx.config.realtimePrivateOnly) {
      return fail("PrivateOnly: This project only allows private channels");
    }
    const given = payload.access_token ?? payload.user_token;
    const token = typeof given === "string" && !given.startsWith("sb_") ? given : null;
    let claims = connection.socketClaims;
    if (token) {
      const check = await checkToken(this.ctx, token);
      if (!check.ok) return fail(`${check.code}: ${check.message}`);
      claims = check.claims;
    }
    // Realtime Authorization: a private channel is joined only with read permission (RLS on
    // realtime.messages, checked with this joiner's claims at every join).
    let policies: Policies | null = null;
    if (isPrivate) {
      policies = await authorizeTopic(this.ctx.pool, subTopic, claims);
      if (!canReadAny(policies)) return fail(`Unauthorized: ${unauthorized(subTopic)}`);
    }

    const previous = connection.channels.get(message.topic);
    if (previous) this.close(previous);

    const broadcast = asRecord(config.broadcast);
    const presence = asRecord(config.presence);
    const rawChanges = Array.isArray(config.postgres_changes) ? config.postgres_changes : [];
    const params = rawChanges.filter((item) => item && typeof item === "object") as Record<string, unknown>[];
    const channel: Channel = {
      connection,
      topic: message.topic,
      subTopic,
      room: roomOf(message.topic, isPrivate),
      policies,
      joinRef: message.joinRef ?? message.ref,
      token,
      claims,
      broadcastSelf: asBool(broadcast.self, false),
      broadcastAck: asBool(broadcast.ack, false),
      presenceKey:
        presence.key === undefined || presence.key === null || presence.key === ""
          ? randomUUID()
          : String(presence.key),
      bindings: params.map(toBinding),
      expiryTimer: null,
      closed: false,
    };
    connection.channels.set(channel.topic, channel);
    const members = this.topics.get(channel.room) ?? new Set();
    members.add(channel);
    this.topics.set(channel.room, members);

    this.reply(connection, message, "ok", {
      postgres_changes: channel.bindings.map((binding) => ({ ...binding.params, id: binding.id })),
    });
    this.scheduleExpiry(channel);
    if (asBool(presence.enabled, false) && mayRead(channel, "presence")) {
      this.push(channel, "presence_state", this.presence.state(channel.room));
    }
    if (channel.bindings.length > 0) await this.subscribeChanges(channel);
  }

  private async subscribeChanges(channel: Channel): Promise<void> {
    let error: string | null = null;
    try {
      // A table may have joined the publication since the last scan.
      await this.changes.refresh(true);
    } catch {
      error = "Unable to subscribe to changes: database unavailable";
    }
    for (const binding of channel.bindings) {
      binding.valid = false;
      error ??= this.changes.validate(binding, channel.claims.role);
    }
    if (channel.closed) return;
    this.system(channel, "postgres_changes", error ? "error" : "ok", error ?? "Subscribed to PostgreSQL");
  }

  private push(channel: Channel, event: string, payload: unknown) {
    channel.connection.send({ joinRef: channel.joinRef, ref: null, topic: channel.topic, event, payload });
  }

  private system(channel: Channel, extension: string, status: "ok" | "error", text: string) {
    this.push(channel, "system", { channel: channel.subTopic, extension, message: text, status });
  }

  /** Server-side shutdown after an error: system message, then phx_close (not rejoined). */
  private shutdown(channel: Channel, reason: string) {
    this.system(channel, "system", "error", reason);
    this.close(channel);
  }

  private close(channel: Channel) {
    channel.connection.send({
      joinRef: channel.joinRef,
      ref: channel.joinRef,
      topic: channel.topic,
      event: "phx_close",
      payload: {},
    });
    this.removeChannel(channel);
  }

  private removeChannel(channel: Channel) {
    if (channel.closed) return;
    channel.closed = true;
    if (channel.expiryTimer) clearTimeout(channel.expiryTimer);
    if (channel.connection.channels.get(channel.topic) === channel)
      channel.connection.channels.delete(channel.topic);
    const members = this.topics.get(channel.room);
    members?.delete(channel);
    if (members?.size === 0) this.topics.delete(channel.room);
    const diff = this.presence.untrack(channel);
    if (diff) this.fanOutPresence(channel, diff);
  }

  private scheduleExpiry(channel: Channel) {
    if (channel.expiryTimer) clearTimeout(channel.expiryTimer);
    channel.expiryTimer = null;
    const exp = channel.claims.exp;
    if (typeof exp !== "number") return;
    const delay = Math.max(0, Math.min(MAX_EXPIRY_CHECK_MS, exp * 1000 - Date.now()));
    channel.expiryTimer = setTimeout(() => {
      if (channel.closed) return;
      const now = Date.now() / 1000;
      if (exp <= now) this.shutdown(channel, `Token has expired ${Math.floor(now - exp)} seconds ago`);
      else this.scheduleExpiry(channel);
    }, delay + 50);
  }

  private async onAccessToken(channel: Channel, token: unknown): Promise<void> {
    if (typeof token !== "string" || token.startsWith("sb_") || token === channel.token) return;
    const check = await checkToken(this.ctx, token);
    if (channel.closed) return;
    if (!check.ok) {
      this.shutdown(channel, check.message);
      return;
    }
    if (channel.policies) {
      // Permissions follow the token: computed again, and a lost read ends the channel.
      const previous = channel.policies;
      const policies = await authorizeTopic(this.ctx.pool, channel.subTopic, check.claims);
      if (channel.closed) return;
      const revoked = (["broadcast", "presence"] as const).some((e) => previous[e].read && !policies[e].read);
      if (revoked) {
        this.shutdown(
          channel,
          `You no longer have permission to read from this Channel topic: ${channel.subTopic}`,
        );
        return;
      }
      if (!canReadAny(policies)) {
        this.shutdown(channel, unauthorized(channel.subTopic));
        return;
      }
      channel.policies = policies;
    }
    channel.token = token;
    channel.claims = check.claims;
    this.scheduleExpiry(channel);
    if (channel.bindings.length > 0) await this.subscribeChanges(channel);
  }

  private onBroadcast(channel: Channel, message: InboundMessage) {
    const payload = asRecord(message.payload);
    const event = message.binaryBroadcast?.event ?? payload.event;
    if (typeof event !== "string") {
      this.reply(channel.connection, message, "error", { reason: "broadcast event must be a string" });
      return;
    }
    // Without write permission on a private channel the message is dropped, and not acked.
    if (channel.policies && !channel.policies.broadcast.write) return;
    const broadcast: BroadcastMessage = message.binaryBroadcast
      ? { event, payload: message.binaryBroadcast.payload, binary: true }
      : { event, payload: payload.payload, binary: false };
    this.fanOutBroadcast(
      channel.topic,
      broadcast,
      channel.broadcastSelf ? null : channel,
      channel.policies !== null,
    );
    if (channel.broadcastAck) this.reply(channel.connection, message, "ok", {});
  }

  /** Sends a broadcast to every channel on the topic (private or public ones) except `skip`. */
  fanOutBroadcast(topic: string, message: BroadcastMessage, skip: Channel | null, isPrivate = false) {
    for (const channel of this.topics.get(roomOf(topic, isPrivate)) ?? []) {
      if (channel === skip || !mayRead(channel, "broadcast")) continue;
      const { connection } = channel;
      if (message.binary && connection.vsn === "2.0.0" && fitsBinaryFrame(topic, message.event)) {
        connection.sendBinary(encodeUserBroadcast(topic, message.event, message.payload));
        continue;
      }
      if (Buffer.isBuffer(message.payload)) continue; // V1 peers cannot receive binary payloads
      const payload: Record<string, unknown> = {
        type: "broadcast",
        event: message.event,
        payload: message.payload,
      };
      if (message.meta) payload.meta = message.meta;
      connection.send({ joinRef: null, ref: null, topic, event: "broadcast", payload });
    }
  }

  private onPresence(channel: Channel, message: InboundMessage) {
    const payload = asRecord(message.payload);
    const event = typeof payload.event === "string" ? payload.event.toLowerCase() : "";
    let diff: PresenceDiff | null = null;
    if (event === "track") {
      if (channel.policies && !channel.policies.presence.write) {
        this.reply(channel.connection, message, "error", {});
        return;
      }
      const meta = payload.payload;
      if (!meta || typeof meta !== "object" || Array.isArray(meta)) {
        this.reply(channel.connection, message, "error", { reason: "Presence track payload must be a map" });
        return;
      }
      diff = this.presence.track(channel, meta as Record<string, unknown>);
    } else if (event === "untrack") {
      diff = this.presence.untrack(channel);
    } else {
      this.reply(channel.connection, message, "error", {});
      return;
    }
    this.reply(channel.connection, message, "ok", {});
    if (diff) this.fanOutPresence(channel, diff);
  }

  private fanOutPresence(from: Channel, diff: PresenceDiff) {
    for (const channel of this.topics.get(from.room) ?? []) {
      if (!mayRead(channel, "presence")) continue;
      channel.connection.send({
        joinRef: null,
        ref: null,
        topic: from.topic,
        event: "presence_diff",
        payload: diff,
      });
    }
  }

  closeAll() {
    for (const connection of this.connections) connection.ws.terminate();
  }
}
