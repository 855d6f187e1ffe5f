import { describe, expect, it } from "vitest";
import { freeSpot, NODE_GAP, rightOf } from "./place-node";

const size = { width: 200, height: 80 };

describe("freeSpot", () => {
  it("keeps the start when nothing is there", () => {
    expect(freeSpot({ x: 10.4, y: 20 }, size, [])).toEqual({ x: 10, y: 20 });
  });

  it("takes the nearest free spot: below, then right, never on a node", () => {
    const first = { x: 0, y: 0, ...size };
    expect(freeSpot({ x: 0, y: 0 }, size, [first])).toEqual({ x: 0, y: 80 + NODE_GAP });
    const second = { x: 0, y: 80 + NODE_GAP, ...size };
    expect(freeSpot({ x: 0, y: 0 }, size, [first, second])).toEqual({ x: 200 + NODE_GAP, y: 0 });
  });

  it("places a follower right of its node, clear of it", () => {
    const node = { x: 100, y: 50, ...size };
    const spot = freeSpot(rightOf(node), size, [node]);
    expect(spot.y).toBe(50);
    expect(spot.x).toBeGreaterThan(node.x + node.width);
  });
});
