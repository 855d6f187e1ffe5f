import type { WireNode } from "../../lib/graph/nodes";
import type { WireEdge } from "../../lib/graph/schemas";

/** trigger → `steps` calls of server-everything's echo (registry id `everything`), one after another. */
export function chain(steps: number): { nodes: WireNode[]; edges: WireEdge[] } {
  const nodes: WireNode[] = [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { label: "Start", input: "{}" } },
  ];
  const edges: WireEdge[] = [];
  for (let i = 1; i <= steps; i++) {
    const args = JSON.stringify({ message: `step ${i}` });
    nodes.push({
      id: `s${i}`,
      type: "protocol",
      position: { x: i * 200, y: 0 },
      data: { label: `s${i}`, serverId: "everything", tool: "echo", args },
    });
    edges.push({
      id: `e${i}`,
      source: i === 1 ? "t" : `s${i - 1}`,
      target: `s${i}`,
      sourceHandle: null,
      targetHandle: null,
    });
  }
  return { nodes, edges };
}
