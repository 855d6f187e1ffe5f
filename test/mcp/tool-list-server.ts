import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from "@modelcontextprotocol/sdk/types.js";
import express from "express";

/**
 * A real MCP server (SDK, Streamable HTTP, stateless) that lists the given tools in pages of
 * `pageSize`, for pagination, huge lists and broken schemas.
 */
export async function startToolListServer(
  tools: Tool[],
  pageSize: number,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const app = express();
  app.post("/mcp", express.json({ limit: "50mb" }), async (req, res) => {
    const server = new Server({ name: "paged", version: "2.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async (request) => {
      const start = Number(request.params?.cursor ?? 0);
      const next = start + pageSize;
      return {
        tools: tools.slice(start, next),
        ...(next < tools.length ? { nextCursor: String(next) } : {}),
      };
    });
    server.setRequestHandler(CallToolRequestSchema, async (request) => ({
      content: [{ type: "text", text: `called ${request.params.name}` }],
    }));
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on("close", () => void server.close());
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  const listening: HttpServer = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}/mcp`,
    stop: () =>
      new Promise((resolve) => {
        listening.closeAllConnections();
        listening.close(() => resolve());
      }),
  };
}

export function numberedTools(count: number): Tool[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `tool_${i}`,
    description: `Tool number ${i}`,
    inputSchema: { type: "object", properties: { n: { type: "integer", default: i } } },
  }));
}
