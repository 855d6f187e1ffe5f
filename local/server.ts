import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { createAuthService } from "./auth/service";
import type { LocalStackConfig } from "./config";
import type { LocalStackContext } from "./context";
import { loadSigningKey } from "./keys";
import { startMailCatcher } from "./mail/catcher";
import { startOidcProvider } from "./oidc/provider";
import { createRealtimeService } from "./realtime/service";
import type { LocalService } from "./service";

export type LocalStack = {
  url: string;
  port: number;
  /** The mail catcher's inbox page and JSON API (local/auth/README.md, "Inbox"). */
  inboxUrl: string;
  /** The local OpenID Connect provider's issuer (local/auth/README.md, "OAuth"). */
  oidcUrl: string;
  context: LocalStackContext;
  close(): Promise<void>;
};

const ALLOWED_HEADERS =
  "authorization, apikey, content-type, x-client-info, x-supabase-api-version, x-upsert, prefer, accept-profile, content-profile";

// Browsers on the app's origin call this server directly, as they would a Supabase project.
// Only the configured origins get CORS headers, and never credentials: supabase-js sends its
// tokens in headers, not cookies, so no page needs the browser's cookies for this server.
// `*` among them answers every origin, as GoTrue and the hosted gateway do (for clients' own
// test suites, which run pages on origins of their own).
function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: string[]) {
  res.setHeader("Vary", "Origin");
  const origin = req.headers.origin;
  if (!origin || !(allowedOrigins.includes("*") || allowedOrigins.includes(origin))) return;
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
  res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
  res.setHeader("Access-Control-Expose-Headers", "x-supabase-api-version");
}

/** Starts Auth (/auth/v1) and Realtime (/realtime/v1) on one port, like `supabase start`. */
export async function startLocalSupabase(config: LocalStackConfig): Promise<LocalStack> {
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 20 });
  pool.on("error", () => {}); // a restarted Postgres is reconnected on the next query
  const signingKey = await loadSigningKey(config.dataDir);
  const mail = await startMailCatcher(config.host, { inbox: config.inboxPort, smtp: config.smtpPort });
  const context: LocalStackContext = { config, pool, signingKey, smtpPort: mail.smtpPort };
  const services: LocalService[] = [await createAuthService(context), await createRealtimeService(context)];

  const server = createServer(async (req, res) => {
    applyCors(req, res, config.allowedOrigins);
    if (req.method === "OPTIONS") {
      res.writeHead(204).end();
      return;
    }
    try {
      for (const service of services) {
        if (await service.handleRequest(req, res)) return;
      }
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: 404, error_code: "not_found", msg: "Not found" }));
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: 500, error_code: "unexpected_failure", msg: "Internal server error" }));
      console.error("local supabase:", error);
    }
  });
  server.on("upgrade", (req, socket, head) => {
    for (const service of services) {
      if (service.handleUpgrade?.(req, socket, head)) return;
    }
    socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  context.apiUrl = `http://${config.host}:${port}`;
  // Started once the API's port is known: its clients redirect to the Auth server's /callback.
  const oidc = await startOidcProvider({
    port: config.oidcPort,
    callbackUrl: `http://${config.host}:${port}/auth/v1/callback`,
  });
  context.oidcIssuer = oidc.issuer;
  return {
    url: `http://${config.host}:${port}`,
    port,
    inboxUrl: mail.inboxUrl,
    oidcUrl: oidc.issuer,
    context,
    async close() {
      server.closeAllConnections();
      await Promise.all([...services.map((service) => service.close()), mail.close(), oidc.close()]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
