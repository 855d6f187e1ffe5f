import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inboxPage, messagePage } from "./inbox-page";
import type { MessageStore } from "./store";

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, "application/json", JSON.stringify(body));

/**
 * The inbox over HTTP: an HTML page at `/` (one email at `/messages/<id>`) and a JSON API,
 * `GET /api/messages[?to=]`, `GET /api/messages/<id>`, `DELETE /api/messages`.
 */
export async function startInbox(store: MessageStore, host: string, port: number) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://inbox");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const one = /^\/(api\/)?messages\/([^/]+)$/.exec(path);
    if (req.method === "GET" && path === "/")
      return send(res, 200, "text/html; charset=utf-8", inboxPage(store.list()));
    if (req.method === "GET" && path === "/api/messages")
      return json(res, 200, { messages: store.list(url.searchParams.get("to")) });
    if (req.method === "DELETE" && path === "/api/messages") {
      store.clear();
      return json(res, 200, { messages: [] });
    }
    if (req.method === "GET" && one) {
      const message = store.get(one[2] ?? "");
      if (!message) return json(res, 404, { error: "No such message" });
      return one[1]
        ? json(res, 200, message)
        : send(res, 200, "text/html; charset=utf-8", messagePage(message));
    }
    json(res, 404, { error: "Not found" });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
