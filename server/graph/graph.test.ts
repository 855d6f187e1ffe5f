import { beforeAll, describe, expect, it } from "vitest";
import type { GraphDiff, WireEdge, WireNode } from "@/lib/graph/schemas";
import { getPrisma } from "@/server/platform/db/client";
import { type RlsTransaction, withRls } from "@/server/platform/db/with-rls";
import { createWorkflow } from "@/server/workflows/workflows";
import { insertTestUser, type TestUser } from "@/test/users";
import { loadGraph, replaceGraph, saveGraphDiff } from "./graph";

const prisma = getPrisma(process.env.DATABASE_URL ?? "");
let alice: TestUser;
let bob: TestUser;

const as = <T>(user: TestUser, fn: (tx: RlsTransaction) => Promise<T>) =>
  withRls(user.claims, fn, { prisma });

const trigger = (id: string, x = 0): WireNode => ({
  id,
  type: "trigger",
  position: { x, y: 0 },
  data: { label: id, input: "{}" },
});
const tool = (id: string, x = 0): WireNode => ({
  id,
  type: "protocol",
  position: { x, y: 100 },
  data: { label: id, serverId: null, tool: null, args: '{"q":1}' },
});
const edge = (id: string, source: string, target: string): WireEdge => ({
  id,
  source,
  target,
  sourceHandle: "out",
  targetHandle: "in",
});
const diff = (part: Partial<GraphDiff>): GraphDiff => ({
  upsertNodes: [],
  deleteNodes: [],
  upsertEdges: [],
  deleteEdges: [],
  ...part,
});

/** A chain trigger → p1 → p2 → … of `count` nodes. */
function chain(count: number): { nodes: WireNode[]; edges: WireEdge[] } {
  const nodes = [trigger("t"), ...Array.from({ length: count - 1 }, (_, i) => tool(`p${i + 1}`, i * 10))];
  const edges = nodes.slice(1).map((n, i) => edge(`e${i + 1}`, nodes[i]?.id ?? "", n.id));
  return { nodes, edges };
}

async function newWorkflow(user: TestUser) {
  return as(user, (tx) => createWorkflow(tx, user.id));
}

beforeAll(async () => {
  alice = await insertTestUser(process.env.DATABASE_URL ?? "");
  bob = await insertTestUser(process.env.DATABASE_URL ?? "");
});

describe("graph save and load", () => {
  it("keeps text that array literals must escape, on insert and on update", async () => {
    const wf = await newWorkflow(alice);
    const awkward = 'quote " backslash \\ braces {a,b} comma, NULL null \u00e9 \ud83d\ude80';
    const first: WireNode = {
      id: "n:1",
      type: "note",
      position: { x: 0, y: 0 },
      data: { text: awkward },
      width: null,
      height: 90,
    };
    const start: WireNode = {
      id: "t.0",
      type: "trigger",
      position: { x: 0, y: 0 },
      data: { label: awkward, input: "{}" },
    };
    const labelled = (label: string): WireNode => ({
      id: "p.1",
      type: "protocol",
      position: { x: 0, y: 100 },
      data: { label, serverId: null, tool: null, args: JSON.stringify({ s: label }) },
    });
    const link: WireEdge = { ...edge("e-1", "t.0", "p.1"), data: { note: awkward } };
    await as(alice, (tx) =>
      saveGraphDiff(
        tx,
        alice.id,
        wf.id,
        diff({ upsertNodes: [first, start, labelled("a")], upsertEdges: [link] }),
      ),
    );
    await as(alice, (tx) =>
      saveGraphDiff(
        tx,
        alice.id,
        wf.id,
        diff({ upsertNodes: [labelled(awkward)], upsertEdges: [{ ...link, data: { note: `${awkward}!` } }] }),
      ),
    );
    const loaded = await as(alice, (tx) => loadGraph(tx, alice.id, wf.id));
    expect(loaded.nodes.find((n) => n.id === "n:1")).toEqual({ ...first, width: undefined });
    expect(loaded.nodes.find((n) => n.id === "t.0")).toEqual(start);
    expect(loaded.nodes.find((n) => n.id === "p.1")?.data).toEqual(labelled(awkward).data);
    expect(loaded.edges).toEqual([{ ...link, data: { note: `${awkward}!` } }]);
  });

  it("round-trips a graph in React Flow's shape, with the viewport", async () => {
    const wf = await newWorkflow(alice);
    const { nodes, edges } = chain(4);
    const note: WireNode = {
      id: "note-1",
      type: "note",
      position: { x: -5.5, y: 3.25 },
      data: { text: "hi" },
      width: 200,
      height: 120,
    };
    const viewport = { x: 12.5, y: -40, zoom: 0.75 };
    const saved = await as(alice, (tx) =>
      saveGraphDiff(
        tx,
        alice.id,
        wf.id,
        diff({ upsertNodes: [...nodes, note], upsertEdges: edges, viewport }),
      ),
    );
    expect(saved).toMatchObject({ nodeCount: 5, edgeCount: 3 });
    const loaded = await as(alice, (tx) => loadGraph(tx, alice.id, wf.id));
    const byId = <T extends { id: string }>(items: T[]) =>
      [...items].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(loaded.nodes)).toEqual(byId([...nodes, note]));
    expect(byId(loaded.edges)).toEqual(byId(edges));
    expect(loaded.workflow).toMatchObject({ id: wf.id, name: "Untitled Workflow", viewport });
  });

  it("applies a diff: updates, deletes (edges go with their node), adds", async () => {
    const wf = await newWorkflow(alice);
    const { nodes, edges } = chain(3);
    await as(alice, (tx) =>
      saveGraphDiff(tx, alice.id, wf.id, diff({ upsertNodes: nodes, upsertEdges: edges })),
    );
    await as(alice, (tx) =>
      saveGraphDiff(
        tx,
        alice.id,
        wf.id,
        diff({
          upsertNodes: [trigger("t", 99), tool("p9")],
          deleteNodes: ["p1"],
          upsertEdges: [edge("e9", "t", "p9")],
        }),
      ),
    );
    const loaded = await as(alice, (tx) => loadGraph(tx, alice.id, wf.id));
    expect(loaded.nodes.map((n) => n.id).sort()).toEqual(["p2", "p9", "t"]);
    expect(loaded.nodes.find((n) => n.id === "t")?.position.x).toBe(99);
    expect(loaded.edges.map((e) => e.id)).toEqual(["e9"]);
  });

  it("changes nothing when the diff is invalid, and says what and where", async () => {
    const wf = await newWorkflow(alice);
    const { nodes, edges } = chain(3);
    await as(alice, (tx) =>
      saveGraphDiff(tx, alice.id, wf.id, diff({ upsertNodes: nodes, upsertEdges: edges })),
    );
    const before = await as(alice, (tx) => loadGraph(tx, alice.id, wf.id));
    const attempt = as(alice, (tx) =>
      saveGraphDiff(
        tx,
        alice.id,
        wf.id,
        diff({ upsertNodes: [tool("new")], deleteNodes: ["p2"], upsertEdges: [edge("bad", "p1", "p2")] }),
      ),
    );
    await expect(attempt).rejects.toMatchObject({ code: "graph.invalid_diff" });
    await expect(attempt).rejects.toThrow('upsertEdges[0] (id "bad"): target node "p2" does not exist');
    const dup = as(alice, (tx) =>
      saveGraphDiff(tx, alice.id, wf.id, diff({ upsertEdges: [edge("again", "t", "p1")] })),
    );
    await expect(dup).rejects.toThrow('connects the same handles as stored edge "e1"');
    const after = await as(alice, (tx) => loadGraph(tx, alice.id, wf.id));
    expect(after.nodes).toEqual(before.nodes);
    expect(after.edges).toEqual(before.edges);
  });

  it("uses the same number of statements for 5 and 1,000 nodes", async () => {
    const count = async (size: number) => {
      const wf = await newWorkflow(alice);
      const { nodes, edges } = chain(size);
      let statements = 0;
      await as(alice, async (tx) => {
        const counted = new Proxy(tx, {
          get(target, key, receiver) {
            const value = Reflect.get(target, key, receiver);
            if (typeof key === "string" && key.startsWith("$") && typeof value === "function") {
              return (...args: unknown[]) => {
                statements += 1;
                return value.apply(target, args);
              };
            }
            return value;
          },
        });
        await saveGraphDiff(
          counted,
          alice.id,
          wf.id,
          diff({ upsertNodes: nodes, upsertEdges: edges, deleteNodes: ["zz"] }),
        );
      });
      return statements;
    };
    const small = await count(5);
    expect(small).toBeLessThanOrEqual(6);
    expect(await count(1_000)).toBe(small);
  });

  it("replaceGraph swaps the whole graph", async () => {
    const wf = await newWorkflow(alice);
    const { nodes, edges } = chain(3);
    await as(alice, (tx) =>
      saveGraphDiff(tx, alice.id, wf.id, diff({ upsertNodes: nodes, upsertEdges: edges })),
    );
    await as(alice, (tx) => replaceGraph(tx, alice.id, wf.id, { nodes: [trigger("x")], edges: [] }));
    const loaded = await as(alice, (tx) => loadGraph(tx, alice.id, wf.id));
    expect(loaded.nodes.map((n) => n.id)).toEqual(["x"]);
    expect(loaded.edges).toEqual([]);
  });

  it("another user can neither load nor save it", async () => {
    const wf = await newWorkflow(alice);
    await expect(as(bob, (tx) => loadGraph(tx, bob.id, wf.id))).rejects.toMatchObject({
      code: "workflow.not_found",
    });
    await expect(
      as(bob, (tx) => saveGraphDiff(tx, bob.id, wf.id, diff({ upsertNodes: [trigger("x")] }))),
    ).rejects.toMatchObject({ code: "workflow.not_found" });
    // Even passing the owner's id, RLS hides the row from bob's session.
    await expect(as(bob, (tx) => loadGraph(tx, alice.id, wf.id))).rejects.toMatchObject({
      code: "workflow.not_found",
    });
  });
});
