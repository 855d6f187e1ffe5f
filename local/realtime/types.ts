import type { WebSocket } from "ws";
import type { Policies } from "./authorization";
import type { Filter } from "./filters";
import type { OutboundMessage, Vsn } from "./serializer";
import type { Claims } from "./tokens";

export type Binding = {
  id: number;
  /** The client's params object, echoed verbatim in the join reply. */
  params: Record<string, unknown>;
  event: "*" | "INSERT" | "UPDATE" | "DELETE";
  schema: string;
  table: string;
  filter: Filter | null;
  /** Set once validated against the publication; invalid bindings never match. */
  valid: boolean;
};

export type Connection = {
  ws: WebSocket;
  vsn: Vsn;
  socketClaims: Claims;
  channels: Map<string, Channel>;
  send(message: OutboundMessage): void;
  sendBinary(frame: Buffer): void;
};

export type Channel = {
  connection: Connection;
  topic: string;
  subTopic: string;
  /** Where its broadcasts and presence live: private and public channels of one topic never meet. */
  room: string;
  /** A private channel's permissions (Realtime Authorization); null for a public channel. */
  policies: Policies | null;
  joinRef: string | null;
  token: string | null;
  claims: Claims;
  broadcastSelf: boolean;
  broadcastAck: boolean;
  presenceKey: string;
  bindings: Binding[];
  expiryTimer: NodeJS.Timeout | null;
  closed: boolean;
};
