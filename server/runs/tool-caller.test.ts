import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedFetch } from "@/server/mcp/client/guarded-fetch";
import { readAuthorization } from "@/server/mcp/connections/secrets";
import { callerFor } from "@/test/mcp/caller";
import { graphOf as g, type RunFixture, runFixture, testPrisma, waitFor } from "@/test/runs";
import { InProcessEngine } from "./in-process";
import { registryLookup } from "./registry-lookup";
import { RunStore } from "./store";
import { createSdkToolCaller } from "./tool-caller";

// The runs' tool caller against the real server-everything, through the app's MCP layer: stored
// credentials, the guarded fetch (allowlisting exactly this loopback server), shared sessions.

const prisma = testPrisma();
const store = new RunStore(prisma);
let fx: RunFixture;
/** Every request the guarded fetch sent: headers and body, as the server received them. */
const sent: Array<{ headers: Headers; body: string }> = [];
let caller: ReturnType<typeof createSdkToolCaller>;

beforeAll(async () => {
  fx = await runFixture();
  caller = createSdkToolCaller(registryLookup(prisma), {
    appOrigin: "http://localhost:3999",
    fetch: (input, init) => {
      sent.push({
        headers: new Headers(init?.headers),
        body: typeof init?.body === "string" ? init.body : "",
      });
      return guardedFetch(input, init);
    },
  });
}, 60_000);

afterAll(async () => {
  await caller?.close();
  await fx?.everything.stop();
});

const call = (tool: string, args: Record<string, unknown>, signal = new AbortController().signal) =>
  caller.call({ userId: fx.user.id, serverId: fx.serverId, tool, args, signal, timeoutMs: 20_000 });

describe("the runs' tool caller", () => {
  it("calls as the run's owner, sending the key the owner stored for the server", async () => {
    await callerFor(fx.user).connections.connect({
      serverId: fx.serverId,
      kind: "header",
      header: "X-Api-Key",
      value: "run-owner-key",
    });
    sent.length = 0;
    const result = await call("echo", { message: "as the owner" });
    expect(JSON.stringify(result.content)).toContain("as the owner");
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((request) => request.headers.get("x-api-key") === "run-owner-key")).toBe(true);
  });

  it("cancels the in-flight long-running tool: the call ends at once and the server is told", async () => {
    sent.length = 0;
    const controller = new AbortController();
    const started = Date.now();
    const pending = call("trigger-long-running-operation", { duration: 10, steps: 10 }, controller.signal);
    await waitFor(async () =>
      sent.find((request) => request.body.includes("trigger-long-running-operation")),
    );
    setTimeout(() => controller.abort(new Error("Cancelled.")), 300);
    await expect(pending).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);
    const cancelled = sent.find((request) => request.body.includes("notifications/cancelled"));
    expect(cancelled?.body).toMatch(/"requestId":\s*\d+/);
    // The session stays usable for the run's next step.
    expect(JSON.stringify((await call("echo", { message: "after cancel" })).content)).toContain(
      "after cancel",
    );
  });

  it("refuses a server that is not in the registry with a message naming it", async () => {
    const missing = caller.call({
      userId: fx.user.id,
      serverId: "no-such-server",
      tool: "echo",
      args: {},
      signal: new AbortController().signal,
      timeoutMs: 5_000,
    });
    await expect(missing).rejects.toThrow(/"no-such-server" is not in the registry/);
  });

  it("fails the step after a revoke mid-run with a clear message, keeping the steps done before", async () => {
    const s = fx.serverId;
    const nodes = [
      g.trigger(),
      g.tool("first", s, "echo", { message: "one" }),
      g.tool("long", s, "trigger-long-running-operation", { duration: 3, steps: 3 }),
      g.tool("last", s, "echo", { message: "never" }),
    ];
    const edges = [g.edge("t", "first"), g.edge("first", "long"), g.edge("long", "last")];
    const id = `run_${randomUUID()}`;
    await store.create(
      {
        id,
        workflowId: fx.workflowId,
        userId: fx.user.id,
        engine: "in-process",
        input: {},
        triggerNodeId: "t",
        graph: { nodes, edges },
        sourceId: null,
      },
      100,
    );
    const engine = new InProcessEngine({ store, tools: caller, backoffMs: () => 20 });
    const done = engine.start(id);
    await waitFor(async () =>
      (await store.load(id))?.logs.find((l) => l.nodeId === "long" && l.event === "started"),
    );
    const authorization = await readAuthorization(fx.user.id, s);
    await callerFor(fx.user).connections.revoke({ authorizationId: authorization?.id as string });

    expect((await done)?.status).toBe("failed");
    const run = await store.load(id);
    expect(run?.status).toBe("failed");
    expect(run?.logs.find((l) => l.nodeId === "first" && l.event === "succeeded")).toBeDefined();
    const failed = run?.logs.find((l) => l.event === "failed");
    expect(failed?.nodeId).toBe("long");
    expect(failed?.error).toBe(
      `The connection to "${s}" was revoked: connect it again on the Connections page.`,
    );
    expect(run?.logs.some((l) => l.nodeId === "last")).toBe(false);
  });
});
