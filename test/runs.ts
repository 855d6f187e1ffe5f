import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import type { NodeData, WireNode } from "@/lib/graph/nodes";
import type { WireEdge } from "@/lib/graph/schemas";
import { type EverythingServer, startEverythingServer } from "@/local/mcp/everything";
import { ALLOWED_HOSTS_VARIABLE } from "@/server/mcp/client/outbound-policy";
import { getPrisma } from "@/server/platform/db/client";
import { registryLookup } from "@/server/runs/registry-lookup";
import type { PlannedRun } from "@/server/runs/run-engine";
import { type NewRun, RunStore } from "@/server/runs/store";
import { createSdkToolCaller, type ToolCall, type ToolCaller } from "@/server/runs/tool-caller";
import { APP_ORIGIN } from "./mcp/caller";
import { ownDatabase } from "./own-database";
import { insertTestUser, type TestUser } from "./users";

export const databaseUrl = process.env.DATABASE_URL ?? "";
export const testPrisma = () => getPrisma(databaseUrl);

export type RunFixture = {
  user: TestUser;
  workflowId: string;
  serverId: string;
  everything: EverythingServer;
};

/** A user with a workflow, and server-everything running on a free port, in the registry with its real tools. */
export async function runFixture(url = databaseUrl): Promise<RunFixture> {
  const everything = await startEverythingServer();
  // As `npm run dev` does for its demo servers: the app's guarded fetch may reach exactly this loopback server.
  process.env[ALLOWED_HOSTS_VARIABLE] = [everything.mcpUrl, everything.sseUrl]
    .map((url) => new URL(url).host)
    .join(",");
  const user = await insertTestUser(url);
  const workflowId = randomUUID();
  const serverId = `everything-${randomUUID().slice(0, 8)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("insert into public.workflows (id, user_id, name) values ($1, $2, 'runs test')", [
      workflowId,
      user.id,
    ]);
    const tools = [
      {
        name: "echo",
        inputSchema: { type: "object", properties: { message: { type: "string" } }, required: ["message"] },
      },
      {
        name: "get-sum",
        inputSchema: {
          type: "object",
          properties: { a: { type: "number" }, b: { type: "number" } },
          required: ["a", "b"],
        },
      },
      {
        name: "trigger-long-running-operation",
        inputSchema: {
          type: "object",
          properties: { duration: { type: "number" }, steps: { type: "number" } },
        },
      },
    ];
    await client.query(
      "insert into public.mcp_registry (id, name, url, data) values ($1, 'Everything', $2, $3)",
      [serverId, everything.mcpUrl, { tools }],
    );
  } finally {
    await client.end();
  }
  return { user, workflowId, serverId, everything };
}

/** The run fixture and a second user (the intruder), made before the file's tests, the MCP server stopped after. */
export function setUpOwnerAndIntruder() {
  const ready: { fx?: RunFixture; intruder?: TestUser } = {};
  beforeAll(async () => {
    ready.fx = await runFixture();
    ready.intruder = await insertTestUser(databaseUrl);
  }, 60_000);
  afterAll(async () => {
    await ready.fx?.everything.stop();
  });
  return {
    get fx(): RunFixture {
      if (!ready.fx) throw new Error("the run fixture is not ready");
      return ready.fx;
    },
    get intruder(): TestUser {
      if (!ready.intruder) throw new Error("the run fixture is not ready");
      return ready.intruder;
    },
  };
}

type SdkCaller = ReturnType<typeof createSdkToolCaller>;

/**
 * The engine tests' common ground: the fixture above, a run store and the app's tool caller (the
 * MCP layer with its shared sessions), made before the file's tests and closed after them.
 */
export function setUpRunEngine() {
  const prisma = testPrisma();
  const ready: { fx?: RunFixture; sdk?: SdkCaller } = {};
  beforeAll(async () => {
    ready.fx = await runFixture();
    ready.sdk = createSdkToolCaller(registryLookup(prisma), { appOrigin: APP_ORIGIN });
  }, 60_000);
  afterAll(async () => {
    await ready.sdk?.close();
    await ready.fx?.everything.stop();
  });
  return {
    prisma,
    store: new RunStore(prisma),
    get fx(): RunFixture {
      if (!ready.fx) throw new Error("the run fixture is not ready");
      return ready.fx;
    },
    get sdk(): SdkCaller {
      if (!ready.sdk) throw new Error("the run fixture is not ready");
      return ready.sdk;
    },
  };
}

/**
 * setUpRunEngine on a database of the file's own (`ownDatabase`), for tests whose engines sweep
 * every unfinished run of the database, or that cut the database off (`outage`).
 */
export function setUpRunEngineOnOwnDatabase(label: string) {
  const ready: { url?: string; drop?: () => Promise<void>; fx?: RunFixture; sdk?: SdkCaller } = {};
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the run fixture is not ready");
    return value;
  };
  beforeAll(async () => {
    const own = await ownDatabase(label);
    Object.assign(ready, own);
    ready.fx = await runFixture(own.url);
    ready.sdk = createSdkToolCaller(registryLookup(getPrisma(own.url)), { appOrigin: APP_ORIGIN });
  }, 120_000);
  afterAll(async () => {
    await ready.sdk?.close();
    await ready.fx?.everything.stop();
    if (ready.url) await getPrisma(ready.url).$disconnect();
    await ready.drop?.();
  });
  return {
    get url() {
      return need(ready.url);
    },
    get prisma() {
      return getPrisma(need(ready.url));
    },
    get store() {
      return new RunStore(getPrisma(need(ready.url)));
    },
    get fx() {
      return need(ready.fx);
    },
    get sdk() {
      return need(ready.sdk);
    },
  };
}

/**
 * A database outage as the app sees one: every connection to the database is terminated and new
 * ones are refused until `end` (Postgres itself keeps serving the other test databases).
 */
export async function cutDatabaseOff(url: string): Promise<{ end: () => Promise<void> }> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: process.env.TRYLIATE_TEST_SERVER_URL ?? "" });
  await admin.connect();
  await admin.query(`alter database ${pg.escapeIdentifier(name)} with allow_connections false`);
  await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", [name]);
  return {
    end: async () => {
      try {
        await admin.query(`alter database ${pg.escapeIdentifier(name)} with allow_connections true`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** trigger → echo(message) → get-sum(input.a + the number echo answered): a chain passing outputs through templates. */
export function echoThenSum(serverId: string, message: string): { nodes: WireNode[]; edges: WireEdge[] } {
  return {
    nodes: [
      graphOf.trigger(),
      graphOf.tool("echo", serverId, "echo", { message }),
      graphOf.tool("sum", serverId, "get-sum", {
        a: "{{ input.a }}",
        b: "{{ $number($substringAfter(nodes.echo.content[0].text, ': ')) }}",
      }),
    ],
    edges: [graphOf.edge("t", "echo"), graphOf.edge("echo", "sum")],
  };
}

/** A run of the fixture's workflow from trigger "t", started by hand, as the runs service plans one. */
export function plannedRun(
  fx: RunFixture,
  nodes: WireNode[],
  edges: WireEdge[],
  input: unknown = {},
): PlannedRun {
  return {
    workflowId: fx.workflowId,
    userId: fx.user.id,
    input,
    triggerNodeId: "t",
    graph: { nodes, edges },
    sourceId: null,
    reused: [],
    trigger: { kind: "manual" },
  };
}

/** Stores an in-process run of the fixture's workflow from trigger "t", not started; returns its id. */
export async function storeRun(
  store: RunStore,
  fx: RunFixture,
  graph: { nodes: WireNode[]; edges: WireEdge[] },
  extra: Partial<NewRun> = {},
): Promise<string> {
  const id = `run_${randomUUID()}`;
  await store.create(
    {
      id,
      workflowId: fx.workflowId,
      userId: fx.user.id,
      engine: "in-process",
      input: {},
      triggerNodeId: "t",
      graph,
      sourceId: null,
      ...extra,
    },
    1_000,
  );
  return id;
}

/** Replaces a workflow's nodes and edges with these, straight in the database (as the owner's saves would). */
export async function saveGraphRows(workflowId: string, nodes: WireNode[], edges: WireEdge[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("delete from public.nodes where workflow_id = $1", [workflowId]);
    for (const n of nodes) {
      await client.query(
        "insert into public.nodes (workflow_id, id, type, data, position_x, position_y) values ($1, $2, $3, $4, $5, $6)",
        [workflowId, n.id, n.type, n.data, n.position.x, n.position.y],
      );
    }
    for (const e of edges) {
      await client.query(
        "insert into public.edges (workflow_id, id, source, target, source_handle, target_handle) values ($1, $2, $3, $4, $5, $6)",
        [workflowId, e.id, e.source, e.target, e.sourceHandle, e.targetHandle],
      );
    }
  } finally {
    await client.end();
  }
}

/** Polls until `check` gives a value. */
export async function waitFor<T>(check: () => Promise<T | undefined | null>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Wraps a real tool caller and records what was called and how many calls overlapped (it calls through, always). */
export function recordingCaller(inner: ToolCaller) {
  const calls: ToolCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const caller: ToolCaller = {
    async call(request) {
      calls.push(request);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await inner.call(request);
      } finally {
        inFlight--;
      }
    },
  };
  return { caller, calls, maxInFlight: () => maxInFlight };
}

let counter = 0;
const at = () => ({ x: (counter++ % 10) * 200, y: 0 });

export const graphOf = {
  trigger: (id = "t", input = "{}"): WireNode => ({
    id,
    type: "trigger",
    position: at(),
    data: { label: "Start", input },
  }),
  tool: (
    id: string,
    serverId: string,
    tool: string,
    args: unknown,
    extra: Partial<
      Pick<NodeData<"protocol">, "retries" | "backoffSeconds" | "timeoutSeconds" | "onError">
    > = {},
  ): WireNode => ({
    id,
    type: "protocol",
    position: at(),
    data: { label: id, serverId, tool, args: JSON.stringify(args), ...extra },
  }),
  condition: (id: string, expression: string): WireNode => ({
    id,
    type: "condition",
    position: at(),
    data: { label: id, expression },
  }),
  transform: (
    id: string,
    expression: string,
    extra: Pick<NodeData<"transform">, "onError"> = {},
  ): WireNode => ({
    id,
    type: "transform",
    position: at(),
    data: { label: id, expression, ...extra },
  }),
  merge: (id: string, mode: "all" | "first"): WireNode => ({
    id,
    type: "merge",
    position: at(),
    data: { label: id, mode },
  }),
  edge: (source: string, target: string, sourceHandle: string | null = null): WireEdge => ({
    id: `${source}-${sourceHandle ?? "out"}-${target}`,
    source,
    target,
    sourceHandle,
    targetHandle: null,
  }),
};
