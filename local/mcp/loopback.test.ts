import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connects, nonLoopbackAddresses } from "../../test/reachability";
import { type EverythingServer, startEverythingServer } from "./everything";
import { startOAuthMcpServer } from "./oauth-server";

let everything: EverythingServer;
let oauth: Awaited<ReturnType<typeof startOAuthMcpServer>>;

beforeAll(async () => {
  [everything, oauth] = await Promise.all([startEverythingServer(), startOAuthMcpServer()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([everything?.stop(), oauth?.stop()]);
});

describe("the demo MCP servers", () => {
  it("listen on 127.0.0.1 only", async () => {
    const ports = [everything.ports.mcp, everything.ports.sse, Number(new URL(oauth.url).port)];
    for (const port of ports) {
      expect(await connects("127.0.0.1", port), `127.0.0.1:${port}`).toBe(true);
      for (const address of nonLoopbackAddresses()) {
        expect(await connects(address, port), `${address}:${port}`).toBe(false);
      }
    }
  });
});
