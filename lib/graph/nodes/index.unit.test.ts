import { describe, expect, it } from "vitest";
import { RUN_LIMITS } from "@/lib/runs/status";
import { defaultNodeData, NODE_LIST, NODE_SPECS, NODE_TYPES, wireNodeSchema } from "./index";
import { backoffDelayMs } from "./step-settings";

describe("the node list", () => {
  it("derives the types and the specs from one list", () => {
    expect(NODE_TYPES).toEqual([
      "trigger",
      "webhook",
      "schedule",
      "protocol",
      "condition",
      "transform",
      "merge",
      "note",
    ]);
    for (const spec of NODE_LIST) expect(NODE_SPECS[spec.type]).toBe(spec);
  });

  it("gives every type defaults its own schema accepts, as a fresh copy", () => {
    for (const type of NODE_TYPES) {
      const data = defaultNodeData(type);
      expect(NODE_SPECS[type].data.safeParse(data).success).toBe(true);
      expect(data).not.toBe(NODE_SPECS[type].defaults);
      const node = { id: "n1", type, position: { x: 0, y: 0 }, data };
      expect(wireNodeSchema.parse(node)).toEqual(node);
    }
  });

  it("gives every handle of a type a distinct id", () => {
    for (const { inputs, outputs } of NODE_LIST) {
      for (const side of [inputs, outputs]) expect(new Set(side.map((h) => h.id)).size).toBe(side.length);
    }
  });

  it("checks a node's data against its own type's schema", () => {
    const base = { id: "n1", position: { x: 0, y: 0 } };
    expect(
      wireNodeSchema.safeParse({ ...base, type: "note", data: defaultNodeData("trigger") }).success,
    ).toBe(false);
    expect(wireNodeSchema.safeParse({ ...base, type: "chart", data: {} }).success).toBe(false);
    expect(
      wireNodeSchema.safeParse({ ...base, type: "protocol", data: { ...defaultNodeData("protocol"), x: 1 } })
        .success,
    ).toBe(false);
  });
});

describe("step settings", () => {
  it("waits the node's first backoff before the first retry, doubling after, up to the cap", () => {
    expect([1, 2, 3].map((n) => backoffDelayMs(n))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((n) => backoffDelayMs(n, 3))).toEqual([3000, 6000, 12000]);
    expect(backoffDelayMs(5, 0)).toBe(0);
    expect(backoffDelayMs(10, 20)).toBe(RUN_LIMITS.maxBackoffSeconds * 1000);
  });
});
