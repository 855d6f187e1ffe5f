import { describe, expect, it } from "vitest";
import { GRAPH_LIMITS } from "./limits";
import { type GraphDiff, graphDiffSchema, type WireEdge, type WireNode } from "./schemas";
import { validateDiff, validateGraph } from "./validate";

const trigger = (id: string): WireNode => ({
  id,
  type: "trigger",
  position: { x: 0, y: 0 },
  data: { label: "t", input: "{}" },
});
const tool = (id: string): WireNode => ({
  id,
  type: "protocol",
  position: { x: 1, y: 2 },
  data: { label: "p", serverId: null, tool: null, args: "{}" },
});
const edge = (
  id: string,
  source: string,
  target: string,
  sourceHandle = "out",
  targetHandle = "in",
): WireEdge => ({
  id,
  source,
  target,
  sourceHandle,
  targetHandle,
});
const diff = (part: Partial<GraphDiff>): GraphDiff => ({
  upsertNodes: [],
  deleteNodes: [],
  upsertEdges: [],
  deleteEdges: [],
  ...part,
});
const empty = { nodes: new Map<string, string>(), edgeIds: new Set<string>() };

describe("graphDiffSchema", () => {
  it("accepts a well-formed diff", () => {
    const parsed = graphDiffSchema.safeParse(
      diff({ upsertNodes: [trigger("a"), tool("b")], upsertEdges: [edge("e", "a", "b")] }),
    );
    expect(parsed.success).toBe(true);
  });

  it("refuses unknown fields on nodes, data and the diff itself", () => {
    expect(graphDiffSchema.safeParse({ ...diff({}), extra: 1 }).success).toBe(false);
    expect(
      graphDiffSchema.safeParse(
        diff({ upsertNodes: [{ ...trigger("a"), selected: true } as unknown as WireNode] }),
      ).success,
    ).toBe(false);
    const sneaky = {
      ...trigger("a"),
      data: { label: "x", input: "{}", __proto__x: 1 },
    } as unknown as WireNode;
    expect(graphDiffSchema.safeParse(diff({ upsertNodes: [sneaky] })).success).toBe(false);
  });

  it("refuses wrong types, unknown node types, bad ids and non-finite positions", () => {
    const bad: unknown[] = [
      { ...trigger("a"), position: { x: "1", y: 0 } },
      { ...trigger("a"), type: "shell" },
      { ...trigger("a b") },
      { ...trigger("") },
      { ...trigger("x".repeat(129)) },
      { ...trigger("a"), position: { x: Number.POSITIVE_INFINITY, y: 0 } },
      { ...tool("a"), data: { label: "p", serverId: 3, tool: null, args: "{}" } },
    ];
    for (const node of bad) {
      expect(
        graphDiffSchema.safeParse({ ...diff({}), upsertNodes: [node] }).success,
        JSON.stringify(node).slice(0, 80),
      ).toBe(false);
    }
  });

  it("refuses 50k nodes and 10 MB of data with a message saying where", () => {
    const many = Array.from({ length: 50_000 }, (_, i) => trigger(`n${i}`));
    const result = graphDiffSchema.safeParse(diff({ upsertNodes: many }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["upsertNodes"]);
    const huge = { ...trigger("a"), data: { label: "t", input: "x".repeat(10 * 1024 * 1024) } };
    const big = graphDiffSchema.safeParse(diff({ upsertNodes: [huge as WireNode] }));
    expect(big.success).toBe(false);
    expect(big.error?.issues[0]?.path).toEqual(["upsertNodes", 0, "data", "input"]);
  });
});

describe("validateDiff", () => {
  it("passes a valid graph", () => {
    expect(
      validateDiff(
        diff({ upsertNodes: [trigger("a"), tool("b")], upsertEdges: [edge("e", "a", "b")] }),
        empty,
      ),
    ).toEqual([]);
  });

  it("finds duplicate ids and ids both upserted and deleted", () => {
    const issues = validateDiff(
      diff({ upsertNodes: [trigger("a"), trigger("a")], deleteNodes: ["a"] }),
      empty,
    );
    expect(issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(["duplicate node id", "the same node is both upserted and deleted"]),
    );
    expect(issues[0]?.path).toContain('id "a"');
  });

  it("finds edges to missing or deleted nodes", () => {
    const existing = {
      nodes: new Map([
        ["a", "trigger"],
        ["b", "protocol"],
      ]),
      edgeIds: new Set<string>(),
    };
    const issues = validateDiff(
      diff({ deleteNodes: ["b"], upsertEdges: [edge("e", "a", "b"), edge("f", "a", "zz")] }),
      existing,
    );
    expect(issues).toEqual([
      { path: 'upsertEdges[0] (id "e")', message: 'target node "b" does not exist' },
      { path: 'upsertEdges[1] (id "f")', message: 'target node "zz" does not exist' },
    ]);
  });

  it("refuses self-loops, unknown handles, duplicate connections", () => {
    const nodes = [trigger("a"), tool("b"), tool("c")];
    const issues = validateDiff(
      diff({
        upsertNodes: nodes,
        upsertEdges: [
          edge("loop", "b", "b"),
          edge("h", "a", "b", "nope", "in"),
          edge("h2", "b", "a", "out", "in"),
          edge("d1", "a", "c"),
          edge("d2", "a", "c"),
        ],
      }),
      empty,
    );
    expect(issues.map((i) => i.message)).toEqual([
      "a node cannot connect to itself",
      'node type "trigger" has no output handle "nope"',
      'node type "trigger" has no input handle "in"',
      'connects the same handles as edge "d1"',
    ]);
  });

  it("checks data bytes and the node cap against what is stored", () => {
    const fat: WireNode = {
      ...(tool("a") as Extract<WireNode, { type: "protocol" }>),
      data: { label: "p", serverId: null, tool: null, args: "y".repeat(GRAPH_LIMITS.maxNodeDataBytes) },
    };
    expect(validateDiff(diff({ upsertNodes: [fat] }), empty)[0]?.message).toMatch(
      /data is 64\.\d KB, over the 64\.0 KB limit/,
    );
    const stored = new Map(
      Array.from({ length: GRAPH_LIMITS.maxNodes }, (_, i) => [`s${i}`, "note"] as [string, string]),
    );
    const issues = validateDiff(diff({ upsertNodes: [trigger("one-more")] }), {
      nodes: stored,
      edgeIds: new Set(),
    });
    expect(issues[0]?.message).toBe(
      `the workflow would hold ${GRAPH_LIMITS.maxNodes + 1} nodes, over the ${GRAPH_LIMITS.maxNodes} limit`,
    );
  });

  it("caps the data of a whole diff", () => {
    const big = (i: number): WireNode => ({
      id: `n${i}`,
      type: "note",
      position: { x: 0, y: 0 },
      data: { text: "z".repeat(GRAPH_LIMITS.maxNodeDataBytes - 20) },
    });
    const issues = validateDiff(diff({ upsertNodes: Array.from({ length: 70 }, (_, i) => big(i)) }), empty);
    expect(issues.map((i) => i.path)).toEqual(["diff"]);
    expect(issues[0]?.message).toMatch(/^node and edge data add up to 4\.\d MB, over the 4\.0 MB limit$/);
  });

  it("validateGraph names nodes and edges by their place in the file", () => {
    expect(validateGraph({ nodes: [trigger("a")], edges: [edge("e", "a", "x")] })).toEqual([
      { path: 'edges[0] (id "e")', message: 'target node "x" does not exist' },
    ]);
  });
});
