import type { WireEdge, WireNode } from "../../lib/graph/schemas";

/**
 * A valid graph of `nodeCount` nodes and 1.5 × as many edges: a trigger, then tool nodes in a
 * chain (out → in), plus skip edges from each tool's error handle two nodes ahead.
 */
export function benchGraph(nodeCount = 1_000): { nodes: WireNode[]; edges: WireEdge[] } {
  const nodes: WireNode[] = [
    {
      id: "n0",
      type: "trigger",
      position: { x: 0, y: 0 },
      data: { label: "Start", input: '{"city":"Lyon"}' },
    },
  ];
  for (let i = 1; i < nodeCount; i++) {
    nodes.push({
      id: `n${i}`,
      type: "protocol",
      position: { x: (i % 40) * 260, y: Math.floor(i / 40) * 180 },
      data: {
        label: `Step ${i}`,
        serverId: "weather",
        tool: "forecast",
        args: `{"day":${i % 7},"units":"metric"}`,
      },
    });
  }
  const edges: WireEdge[] = [];
  for (let i = 1; i < nodeCount; i++) {
    edges.push({
      id: `e${i}`,
      source: `n${i - 1}`,
      target: `n${i}`,
      sourceHandle: "out",
      targetHandle: "in",
    });
  }
  const skipEdges = Math.floor(nodeCount * 1.5) - edges.length;
  for (let i = 3; i < 3 + skipEdges; i++) {
    edges.push({
      id: `s${i}`,
      source: `n${i - 2}`,
      target: `n${i}`,
      sourceHandle: "error",
      targetHandle: "in",
    });
  }
  return { nodes, edges };
}

/** Moves and edits one node in ten, and rewires the edges into them (a 10 % diff). */
export function tenPercentChange(graph: ReturnType<typeof benchGraph>, round: number) {
  const nodes = graph.nodes
    .filter((_, i) => i % 10 === 5)
    .map((n) => ({ ...n, position: { x: n.position.x + round, y: n.position.y } }));
  const touched = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => touched.has(e.target)).map((e) => ({ ...e, data: { round } }));
  return { nodes, edges };
}
