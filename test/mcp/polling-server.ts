import { randomUUID } from "node:crypto";
import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { InMemoryEventStore } from "@modelcontextprotocol/sdk/examples/shared/inMemoryEventStore.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import express from "express";
import { z } from "zod";

/**
 * A real MCP server (SDK, Streamable HTTP with an event store) whose `slow` tool closes the call's
 * event stream right after its first event, as SSE polling allows since 2025-11-25: the client must
 * reconnect with Last-Event-ID after the server's `retry` to get the result.
 */
export async function startPollingServer(options: { retryMs?: number; workMs?: number } = {}) {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const requests: Array<{ method: string; lastEventId: string | null }> = [];
  const app = express();
  app.all("/mcp", express.json(), async (req, res) => {
    requests.push({ method: req.method, lastEventId: req.header("last-event-id") ?? null });
    const sessionId = req.header("mcp-session-id");
    let transport = sessionId ? transports.get(sessionId) : undefined;
    if (!transport) {
      if (req.method !== "POST") return res.status(404).end();
      const created: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        eventStore: new InMemoryEventStore(),
        retryInterval: options.retryMs ?? 100,
        onsessioninitialized: (id): void => {
          transports.set(id, created);
        },
      });
      const server = new McpServer({ name: "polling", version: "1.0.0" });
      server.registerTool(
        "slow",
        { description: "Answers after its stream was closed", inputSchema: { text: z.string() } },
        async ({ text }, extra) => {
          extra.closeSSEStream?.();
          await new Promise((resolve) => setTimeout(resolve, options.workMs ?? 300));
          return { content: [{ type: "text", text: `done: ${text}` }] };
        },
      );
      await server.connect(created);
      transport = created;
    }
    await transport?.handleRequest(req, res, req.body);
  });
  const listening: HttpServer = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}/mcp`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        listening.closeAllConnections();
        listening.close(() => resolve());
      }),
  };
}
