import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testFetch } from "@/test/mcp/policy";
import { startPollingServer } from "@/test/mcp/polling-server";
import { connectToServer, isMcpTimeout } from "./connect";

let server: Awaited<ReturnType<typeof startPollingServer>>;

beforeAll(async () => {
  server = await startPollingServer({ retryMs: 100, workMs: 300 });
});

afterAll(async () => {
  await server?.stop();
});

describe("a tool call whose event stream the server closes early", () => {
  it("resumes with Last-Event-ID after the server's retry and gets the result", async () => {
    const connection = await connectToServer({ url: server.url, fetch: testFetch([server.url]) });
    try {
      const started = performance.now();
      const result = await connection.client.callTool(
        { name: "slow", arguments: { text: "hi" } },
        undefined,
        {
          timeout: 10_000,
        },
      );
      const elapsed = performance.now() - started;
      expect(result.content).toEqual([{ type: "text", text: "done: hi" }]);
      expect(elapsed).toBeLessThan(5_000);
      expect(server.requests.some((r) => r.method === "GET" && r.lastEventId)).toBe(true);
    } finally {
      await connection.close();
    }
  });

  it("keeps the call's own deadline when the server asks to wait longer", async () => {
    const patient = await startPollingServer({ retryMs: 60_000, workMs: 100 });
    const connection = await connectToServer({ url: patient.url, fetch: testFetch([patient.url]) });
    try {
      const started = performance.now();
      const error = await connection.client
        .callTool({ name: "slow", arguments: { text: "hi" } }, undefined, { timeout: 1_500 })
        .catch((e: unknown) => e);
      expect(isMcpTimeout(error)).toBe(true);
      expect(performance.now() - started).toBeLessThan(4_000);
    } finally {
      await connection.close();
      await patient.stop();
    }
  });
});
