import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

/** A part of the local stack (Auth, Realtime) mounted on the shared HTTP server. */
export type LocalService = {
  /** Answers the request and returns true when the path is this service's. */
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> | boolean;
  /** Takes a WebSocket upgrade and returns true when the path is this service's. */
  handleUpgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
};
