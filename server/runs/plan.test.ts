import { describe, expect, it } from "vitest";
import { RUN_LIMITS } from "@/lib/runs/status";
import { graphOf as g } from "@/test/runs";
import { loggedValue } from "./log-value";
import { PlanError, planRun, type ToolDirectory } from "./plan";

const sumSchema = {
  type: "object",
  properties: { a: { type: "number" }, b: { type: "number" } },
  required: ["a", "b"],
};
const tools: ToolDirectory = (server, tool) =>
  server !== "srv" ? "no-server" : tool === "get-sum" ? { inputSchema: sumSchema } : "no-tool";

function refusal(fn: () => unknown): { problems: string[]; nodeIds: string[] } {
  try {
    fn();
  } catch (error) {
    if (error instanceof PlanError) return { problems: error.problems, nodeIds: error.nodeIds };
    throw error;
  }
  return { problems: [], nodeIds: [] };
}

const problems = (fn: () => unknown) => refusal(fn).problems;

describe("planning a run", () => {
  it("orders the nodes reachable from the trigger after their inputs and leaves the rest out", () => {
    const plan = planRun(
      {
        nodes: [
          g.trigger(),
          g.tool("b", "srv", "get-sum", { a: 1, b: 2 }),
          g.tool("a", "srv", "get-sum", { a: 1, b: "{{ nodes.b.structuredContent }}" }),
          g.tool("lonely", "srv", "nope", {}),
        ],
        edges: [g.edge("t", "b"), g.edge("b", "a"), g.edge("t", "a")],
      },
      "t",
      tools,
    );
    expect(plan.order).toEqual(["t", "b", "a"]);
  });

  it("refuses a cycle, naming its nodes", () => {
    const found = problems(() =>
      planRun(
        {
          nodes: [
            g.trigger(),
            g.tool("x", "srv", "get-sum", { a: 1, b: 2 }),
            g.tool("y", "srv", "get-sum", { a: 1, b: 2 }),
          ],
          edges: [g.edge("t", "x"), g.edge("x", "y"), g.edge("y", "x")],
        },
        "t",
        tools,
      ),
    );
    expect(found).toEqual([expect.stringMatching(/cycle.*"x" \(x\), "y" \(y\)/)]);
  });

  it("lists the ids of the nodes it refuses, for the editor to mark (not read from the sentence)", () => {
    const cycle = refusal(() =>
      planRun(
        {
          nodes: [
            g.trigger(),
            g.tool("x", "srv", "get-sum", { a: 1, b: 2 }),
            g.tool("y", "srv", "get-sum", {}),
          ],
          edges: [g.edge("t", "x"), g.edge("x", "y"), g.edge("y", "x")],
        },
        "t",
        tools,
      ),
    );
    expect(cycle.nodeIds.sort()).toEqual(["x", "y"]);
    const checks = refusal(() =>
      planRun(
        {
          nodes: [
            g.trigger(),
            g.tool("ok", "srv", "get-sum", { a: 1, b: 2 }),
            g.tool("bad", "srv", "get-sum", {}),
          ],
          edges: [g.edge("t", "ok"), g.edge("t", "bad")],
        },
        "t",
        tools,
      ),
    );
    expect(checks.nodeIds).toEqual(["bad"]);
  });

  it("refuses a missing tool, an unknown tool or server, bad arguments and a template naming a node that does not run before", () => {
    const found = problems(() =>
      planRun(
        {
          nodes: [
            g.trigger(),
            {
              id: "none",
              type: "protocol",
              position: { x: 0, y: 0 },
              data: { label: "None", serverId: null, tool: null, args: "{}" },
            },
            g.tool("ghost", "gone", "get-sum", { a: 1, b: 2 }),
            g.tool("other", "srv", "nope", {}),
            g.tool("typed", "srv", "get-sum", { a: "one" }),
            g.tool("later", "srv", "get-sum", { a: "{{ nodes.typed.x }}", b: "{{ nodes.missing }}" }),
            g.condition("cond", "nodes.later.value >"),
            g.transform("shape", "{ 'x': nodes.ghost }"),
            g.transform("broken", "$sum("),
          ],
          edges: ["none", "ghost", "other", "typed", "later", "cond", "shape", "broken"].map((id) =>
            g.edge("t", id),
          ),
        },
        "t",
        tools,
      ),
    );
    expect(found).toEqual([
      '"None" (none) has no tool chosen',
      '"ghost" (ghost) calls a server that is not in the registry ("gone")',
      '"other" (other) calls "nope", which the server does not offer',
      '"typed" (typed): b: required',
      '"typed" (typed): a: must be a number',
      '"later" (later) reads nodes.typed, which does not run before it',
      '"later" (later) reads nodes.missing, which is not a node of this run',
      expect.stringMatching(/^"cond" \(cond\): ".*" is not a valid expression/),
      '"shape" (shape) reads nodes.ghost, which does not run before it',
      '"broken" (broken): "$sum(" is not a valid expression: Expected ")" before end of expression (at character 5)',
    ]);
  });

  it("refuses a trigger that is not there", () => {
    expect(problems(() => planRun({ nodes: [], edges: [] }, "t", tools))).toEqual([
      'there is no trigger node "t"',
    ]);
  });
});

describe("logged values", () => {
  it("keeps values up to the cap whole and cuts larger ones with a marker and the original size", () => {
    expect(loggedValue({ a: 1 })).toEqual({ a: 1 });
    const big = { text: "x".repeat(RUN_LIMITS.maxLoggedValueBytes) };
    const cut = loggedValue(big) as { $cut: { originalBytes: number; keptBytes: number }; text: string };
    expect(cut.$cut.originalBytes).toBe(JSON.stringify(big).length);
    expect(cut.$cut.keptBytes).toBe(RUN_LIMITS.maxLoggedValueBytes);
    expect(cut.text).toBe(JSON.stringify(big).slice(0, RUN_LIMITS.maxLoggedValueBytes));
  });
});
