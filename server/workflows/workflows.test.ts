import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { loadGraph, saveGraphDiff } from "@/server/graph/graph";
import { listRegistry } from "@/server/mcp/registry/registry";
import { getPrisma } from "@/server/platform/db/client";
import { type RlsTransaction, withRls } from "@/server/platform/db/with-rls";
import { insertTestUser, type TestUser } from "@/test/users";
import { createVersion, getVersionSnapshot, listVersions } from "./versions";
import {
  createWorkflow,
  deleteWorkflow,
  duplicateWorkflow,
  getWorkflow,
  listWorkflows,
  updateWorkflow,
} from "./workflows";

const databaseUrl = process.env.DATABASE_URL ?? "";
const prisma = getPrisma(databaseUrl);
let alice: TestUser;
let bob: TestUser;
const as = <T>(user: TestUser, fn: (tx: RlsTransaction) => Promise<T>) =>
  withRls(user.claims, fn, { prisma });

beforeAll(async () => {
  alice = await insertTestUser(databaseUrl);
  bob = await insertTestUser(databaseUrl);
});

describe("workflows", () => {
  it("creates with the default name, renames, describes, searches and sorts by last edit", async () => {
    const first = await as(alice, (tx) => createWorkflow(tx, alice.id));
    expect(first).toMatchObject({ name: "Untitled Workflow", description: null, nodeCount: 0 });
    const second = await as(alice, (tx) => createWorkflow(tx, alice.id, { name: "Invoices sync" }));
    await as(alice, (tx) =>
      updateWorkflow(tx, alice.id, first.id, { name: "  Daily report ", description: "mail it" }),
    );
    expect(await as(alice, (tx) => getWorkflow(tx, alice.id, first.id))).toMatchObject({
      name: "Daily report",
      description: "mail it",
    });
    const byEdit = await as(alice, (tx) => listWorkflows(tx, alice.id));
    expect(byEdit.map((w) => w.id)).toEqual([first.id, second.id]);
    const found = await as(alice, (tx) => listWorkflows(tx, alice.id, { search: "INVOICE" }));
    expect(found.map((w) => w.id)).toEqual([second.id]);
    expect(await as(bob, (tx) => listWorkflows(tx, bob.id))).toEqual([]);
  });

  it("duplicates deeply with the same node ids, and deletes", async () => {
    const wf = await as(alice, (tx) => createWorkflow(tx, alice.id, { name: "Source" }));
    await as(alice, (tx) =>
      saveGraphDiff(tx, alice.id, wf.id, {
        upsertNodes: [
          { id: "a", type: "trigger", position: { x: 1, y: 2 }, data: { label: "a", input: "{}" } },
          { id: "b", type: "note", position: { x: 3, y: 4 }, data: { text: "b" } },
        ],
        deleteNodes: [],
        upsertEdges: [],
        deleteEdges: [],
        viewport: { x: 5, y: 6, zoom: 2 },
      }),
    );
    const copy = await as(alice, (tx) => duplicateWorkflow(tx, alice.id, wf.id));
    expect(copy).toMatchObject({ name: "Source (copy)", nodeCount: 2 });
    const [original, copied] = await as(alice, (tx) =>
      Promise.all([loadGraph(tx, alice.id, wf.id), loadGraph(tx, alice.id, copy.id)]),
    );
    expect(copied?.nodes).toEqual(original?.nodes);
    expect(copied?.workflow.viewport).toEqual({ x: 5, y: 6, zoom: 2 });
    await expect(as(bob, (tx) => duplicateWorkflow(tx, bob.id, wf.id))).rejects.toMatchObject({
      code: "workflow.not_found",
    });
    await expect(as(bob, (tx) => deleteWorkflow(tx, bob.id, wf.id))).rejects.toMatchObject({
      code: "workflow.not_found",
    });
    await as(alice, (tx) => deleteWorkflow(tx, alice.id, wf.id));
    await expect(as(alice, (tx) => getWorkflow(tx, alice.id, wf.id))).rejects.toMatchObject({
      code: "workflow.not_found",
    });
  });
});

describe("versions", () => {
  it("numbers snapshots, lists them newest first and returns a snapshot to restore", async () => {
    const wf = await as(alice, (tx) => createWorkflow(tx, alice.id));
    const node = { id: "n1", type: "note" as const, position: { x: 0, y: 0 }, data: { text: "v1" } };
    const save = (text: string) =>
      as(alice, (tx) =>
        saveGraphDiff(tx, alice.id, wf.id, {
          upsertNodes: [{ ...node, data: { text } }],
          deleteNodes: [],
          upsertEdges: [],
          deleteEdges: [],
        }),
      );
    await save("v1");
    const v1 = await as(alice, (tx) => createVersion(tx, alice.id, wf.id, "First"));
    await save("v2");
    const v2 = await as(alice, (tx) => createVersion(tx, alice.id, wf.id, "Second"));
    expect([v1.version, v2.version]).toEqual([1, 2]);
    const list = await as(alice, (tx) => listVersions(tx, alice.id, wf.id));
    expect(list.map((v) => [v.version, v.label, v.nodeCount])).toEqual([
      [2, "Second", 1],
      [1, "First", 1],
    ]);
    const snapshot = await as(alice, (tx) => getVersionSnapshot(tx, alice.id, wf.id, v1.id));
    expect(snapshot.nodes).toEqual([{ ...node, data: { text: "v1" } }]);
    await expect(as(bob, (tx) => getVersionSnapshot(tx, bob.id, wf.id, v1.id))).rejects.toMatchObject({
      status: "NOT_FOUND",
    });
    await expect(as(bob, (tx) => createVersion(tx, bob.id, wf.id, "x"))).rejects.toMatchObject({
      status: "NOT_FOUND",
    });
  });
});

describe("registry", () => {
  it("lists servers with their tools and skips malformed tools", async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const id = `srv-${Date.now()}`;
    try {
      await client.query("insert into public.mcp_registry (id, name, url, data) values ($1, $2, $3, $4)", [
        id,
        "Zeta tools",
        "http://127.0.0.1:1/mcp",
        {
          description: "test",
          tools: [
            { name: "echo", description: "says it back", inputSchema: { type: "object" } },
            { nope: true },
          ],
        },
      ]);
    } finally {
      await client.end();
    }
    const servers = await as(alice, (tx) => listRegistry(tx));
    expect(servers.find((s) => s.id === id)).toEqual({
      id,
      name: "Zeta tools",
      url: "http://127.0.0.1:1/mcp",
      type: "server",
      description: "test",
      author: "",
      tags: [],
      server: null,
      discoveredAt: null,
      needsAuthorization: false,
      tools: [
        {
          name: "echo",
          title: null,
          description: "says it back",
          inputSchema: { type: "object" },
          outputSchema: null,
          annotations: null,
        },
      ],
    });
  });
});
