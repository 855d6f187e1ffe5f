import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EverythingServer, startEverythingServer } from "@/local/mcp/everything";
import { testFetch } from "@/test/mcp/policy";
import { numberedTools, startToolListServer } from "@/test/mcp/tool-list-server";
import { connectToServer, McpConnectError } from "./connect";
import { DiscoveryError, discover, MAX_TOOLS } from "./discovery";
import { OutboundError } from "./guarded-fetch";
import { SessionPool } from "./session-pool";
import { refusesArguments } from "./tool-calls";

let everything: EverythingServer;

beforeAll(async () => {
  everything = await startEverythingServer();
}, 60_000);

afterAll(async () => {
  await everything?.stop();
});

describe("server-everything", () => {
  it.each([
    ["Streamable HTTP", "mcpUrl", "streamable-http"],
    ["the legacy SSE transport (after Streamable HTTP fails)", "sseUrl", "sse"],
  ] as const)("is discovered over %s, and its tools can be called", async (_label, which, transport) => {
    const url = everything[which];
    const connection = await connectToServer({ url, fetch: testFetch([url]) });
    try {
      expect(connection.transport).toBe(transport);
      const found = await discover(connection.client, connection.transport);
      expect(found.name).toMatch(/everything/i);
      expect(found.version).toBeTruthy();
      expect(found.capabilities).toHaveProperty("tools");
      expect(found.transport).toBe(transport);
      expect(Date.parse(found.discoveredAt)).toBeGreaterThan(Date.now() - 60_000);
      const echo = found.tools.find((tool) => tool.name === "echo");
      expect(echo?.description).toBeTruthy();
      expect(echo?.inputSchema).toMatchObject({
        type: "object",
        properties: { message: { type: "string" } },
      });
      const env = found.tools.find((tool) => tool.name === "get-env");
      expect(env?.annotations).toMatchObject({ readOnlyHint: true });
      expect(found.tools.some((tool) => tool.outputSchema)).toBe(true);

      const result = await connection.client.callTool({ name: "echo", arguments: { message: "hi there" } });
      expect(JSON.stringify(result.content)).toContain("hi there");
    } finally {
      await connection.close();
    }
  });

  it("answers arguments that do not fit the schema with a -32602 error result, never retried", async () => {
    const connection = await connectToServer({
      url: everything.mcpUrl,
      fetch: testFetch([everything.mcpUrl]),
    });
    try {
      const refused = await connection.client.callTool({ name: "get-sum", arguments: { a: "x", b: 2 } });
      expect(refused.isError).toBe(true);
      expect(refusesArguments(refused as never)).toBe(true);
      const failed = { isError: true, content: [{ type: "text" as const, text: "upstream down" }] };
      expect(refusesArguments(failed)).toBe(false);
    } finally {
      await connection.close();
    }
  });

  it("runs with a scrubbed environment: get-env shows no secret of ours", async () => {
    process.env.TRYLIATE_CANARY_SECRET = "canary-should-not-leak";
    const connection = await connectToServer({
      url: everything.mcpUrl,
      fetch: testFetch([everything.mcpUrl]),
    });
    try {
      const result = await connection.client.callTool({ name: "get-env", arguments: {} });
      const text = JSON.stringify(result.content);
      expect(text).not.toContain("canary-should-not-leak");
      expect(text).not.toContain("DATABASE_URL");
      expect(text).toContain("GZIP_ALLOWED_DOMAINS");
    } finally {
      await connection.close();
    }
  });

  it("reuses one session per key in the pool and evicts it when idle", async () => {
    let now = 0;
    const pool = new SessionPool({ idleMs: 1000, now: () => now });
    let opened = 0;
    const open = () => {
      opened++;
      return connectToServer({ url: everything.mcpUrl, fetch: testFetch([everything.mcpUrl]) });
    };
    for (let i = 0; i < 3; i++) {
      await pool.use("user:everything", open, (c) =>
        c.client.callTool({ name: "echo", arguments: { message: String(i) } }),
      );
    }
    expect(opened).toBe(1);
    now += 1500;
    expect(await pool.sweep()).toBe(1);
    expect(pool.size).toBe(0);
    await pool.use("user:everything", open, (c) => c.client.ping());
    expect(opened).toBe(2);
    await pool.closeAll();
  });
});

describe("discovery", () => {
  it("reads every page of tools/list", async () => {
    const server = await startToolListServer(numberedTools(25), 10);
    const connection = await connectToServer({ url: server.url, fetch: testFetch([server.url]) });
    const found = await discover(connection.client, connection.transport);
    expect(found.tools.map((tool) => tool.name)).toEqual(numberedTools(25).map((tool) => tool.name));
    expect(found).toMatchObject({ name: "paged", version: "2.0.0" });
    await connection.close();
    await server.stop();
  });

  it("refuses a server that lists 10,000 tools, with the limit in the message", async () => {
    const server = await startToolListServer(numberedTools(10_000), 500);
    const connection = await connectToServer({ url: server.url, fetch: testFetch([server.url]) });
    await expect(discover(connection.client, connection.transport)).rejects.toThrow(
      new DiscoveryError(
        `The server lists more than ${MAX_TOOLS} tools; Tryliate keeps at most ${MAX_TOOLS} per server.`,
        { tooLarge: true },
      ),
    );
    await connection.close();
    await server.stop();
  });

  it("refuses a tool whose input schema is not valid JSON Schema, naming the tool", async () => {
    const tools = [
      ...numberedTools(2),
      { name: "broken", inputSchema: { type: "object", properties: { x: { type: "no-such-type" } } } },
    ];
    const server = await startToolListServer(tools as never, 10);
    const connection = await connectToServer({ url: server.url, fetch: testFetch([server.url]) });
    await expect(discover(connection.client, connection.transport)).rejects.toThrow(
      /input schema of the tool "broken" is not valid JSON Schema/,
    );
    await connection.close();
    await server.stop();
  });
});

describe("connecting to something that is not a working MCP server", () => {
  let garbage: http.Server;
  let hang: http.Server;
  let garbageUrl: string;
  let hangUrl: string;

  beforeAll(async () => {
    garbage = http.createServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end("{not json"),
    );
    hang = http.createServer(() => {});
    await Promise.all([garbage, hang].map((s) => new Promise<void>((r) => s.listen(0, "127.0.0.1", r))));
    garbageUrl = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}/mcp`;
    hangUrl = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/mcp`;
  });

  afterAll(async () => {
    for (const s of [garbage, hang]) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  it("a malformed URL", async () => {
    await expect(connectToServer({ url: "htp:/nowhere" })).rejects.toThrow(/not an http\(s\) URL/);
  });

  it("a server that answers garbage", async () => {
    const error = await connectToServer({
      url: garbageUrl,
      fetch: testFetch([garbageUrl]),
      timeoutMs: 3000,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(McpConnectError);
    expect(error.message).toMatch(/did not answer as an MCP server/);
  });

  it("a server that hangs", async () => {
    const error = await connectToServer({
      url: hangUrl,
      fetch: testFetch([hangUrl], { callTimeoutMs: 500 }),
      timeoutMs: 1500,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/in time/);
  });

  it("an unreachable port", async () => {
    const url = "http://127.0.0.1:1/mcp";
    await expect(connectToServer({ url, fetch: testFetch([url]) })).rejects.toThrow(OutboundError);
  });
});
