export type Box = { x: number; y: number; width: number; height: number };

/** Space kept between a new node and its neighbours. */
export const NODE_GAP = 48;

function overlaps(a: Box, b: Box): boolean {
  return (
    a.x < b.x + b.width + NODE_GAP / 2 &&
    b.x < a.x + a.width + NODE_GAP / 2 &&
    a.y < b.y + b.height + NODE_GAP / 2 &&
    b.y < a.y + a.height + NODE_GAP / 2
  );
}

/** Steps around the start, nearest first: here, below, right, above, left, then the corners, then further out. */
function* around(rings: number): Generator<[number, number]> {
  yield [0, 0];
  for (let ring = 1; ring <= rings; ring++) {
    const steps: [number, number][] = [];
    for (let dx = -ring; dx <= ring; dx++)
      for (let dy = -ring; dy <= ring; dy++)
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) steps.push([dx, dy]);
    // Straight down and right before the diagonals: a workflow reads left to right, top to bottom.
    steps.sort((a, b) => Math.hypot(...a) - Math.hypot(...b) || b[1] - a[1] || b[0] - a[0]);
    yield* steps;
  }
}

/**
 * Where a new node of `size` goes: at `start` (right of the node it follows, or the middle of the
 * view) when that is free, else at the nearest free spot of a grid of node-sized steps around it.
 */
export function freeSpot(
  start: { x: number; y: number },
  size: { width: number; height: number },
  others: readonly Box[],
): { x: number; y: number } {
  const step = { x: size.width + NODE_GAP, y: size.height + NODE_GAP };
  for (const [dx, dy] of around(6)) {
    const spot = { x: Math.round(start.x + dx * step.x), y: Math.round(start.y + dy * step.y) };
    if (!others.some((other) => overlaps({ ...spot, ...size }, other))) return spot;
  }
  return { x: Math.round(start.x), y: Math.round(start.y) };
}

/** The spot right of a node, on its row. */
export function rightOf(node: Box): { x: number; y: number } {
  return { x: node.x + node.width + NODE_GAP * 2, y: node.y };
}
