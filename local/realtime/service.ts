import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { LocalStackContext } from "../context";
import type { LocalService } from "../service";
import { handleBroadcastRequest } from "./broadcast-api";
import { ChangeFeed } from "./change-feed";
import { RealtimeHub } from "./hub";
import type { Vsn } from "./serializer";
import { installCaptureSchema } from "./tables";
import { checkToken, handshakeError } from "./tokens";

const SOCKET_PATHS = new Set(["/realtime/v1/websocket", "/realtime/v1/websocket/"]);
const RESCAN_MS = 5_000;

function negotiateVsn(raw: string | null): Vsn | null {
  if (raw === null || /^1\.\d+\.\d+$/.test(raw)) return "1.0.0";
  if (/^2\.0\.\d+$/.test(raw)) return "2.0.0";
  return null;
}

function refuse(socket: Duplex, status: number, text: string, error: string) {
  const body = JSON.stringify({ error });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * Local Supabase Realtime: Phoenix channels on /realtime/v1/websocket (broadcast, presence,
 * postgres_changes from trigger capture with RLS checks) and the REST broadcast endpoint.
 */
export async function createRealtimeService(ctx: LocalStackContext): Promise<LocalService> {
  await installCaptureSchema(ctx.pool);
  const hub = new RealtimeHub(ctx);
  await hub.changes.refresh();
  const feed = new ChangeFeed({
    databaseUrl: ctx.config.databaseUrl,
    pool: ctx.pool,
    onBatch: (batch) => hub.changes.dispatch(batch),
  });
  await feed.start();
  // Tables added to the publication later get their trigger and metadata here.
  const rescan = setInterval(() => {
    hub.changes.refresh(true).catch(() => {});
  }, RESCAN_MS);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });

  return {
    handleRequest(req: IncomingMessage, res: ServerResponse) {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (!url.pathname.startsWith("/realtime/v1/api/broadcast")) return false;
      return handleBroadcastRequest(ctx, hub, req, res, url);
    },
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (!SOCKET_PATHS.has(url.pathname)) return false;
      socket.on("error", () => {});
      const vsn = negotiateVsn(url.searchParams.get("vsn"));
      if (!vsn) {
        refuse(socket, 400, "Bad Request", "Unsupported serializer version");
        return true;
      }
      const headerKey = req.headers["x-api-key"];
      const token = (typeof headerKey === "string" ? headerKey : null) ?? url.searchParams.get("apikey");
      if (!token) {
        refuse(socket, 401, "Unauthorized", "API key is missing");
        return true;
      }
      checkToken(ctx, token)
        .then((check) => {
          if (!check.ok) {
            refuse(socket, 401, "Unauthorized", handshakeError(check));
            return;
          }
          wss.handleUpgrade(req, socket, head, (ws) => hub.attach(ws, vsn, check.claims));
        })
        .catch(() => refuse(socket, 500, "Internal Server Error", "Error connecting to Realtime"));
      return true;
    },
    async close() {
      clearInterval(rescan);
      hub.closeAll();
      wss.close();
      await feed.close();
    },
  };
}
