import type { WireGraph, WireNode } from "@/lib/graph/schemas";

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

function describeNode(node: WireNode): string {
  const at = `@(${Math.round(node.position.x)},${Math.round(node.position.y)})`;
  switch (node.type) {
    case "trigger":
      return `${node.id} trigger "${clip(node.data.label, 60)}" input=${clip(node.data.input, 120)} ${at}`;
    case "webhook":
      return `${node.id} webhook trigger "${clip(node.data.label, 60)}" methods=${node.data.methods.join(",")} auth=${node.data.auth} respond=${node.data.respond} ${at}`;
    case "schedule":
      return `${node.id} schedule "${clip(node.data.label, 60)}" mode=${node.data.mode} minutes=${node.data.minutes} at=${clip(node.data.at, 5)} day=${node.data.day} cron=${clip(node.data.expression, 100)} tz=${clip(node.data.timeZone, 60)} missed=${node.data.missed} ${at}`;
    case "protocol":
      return `${node.id} tool "${clip(node.data.label, 60)}" server=${node.data.serverId ?? "none"} tool=${node.data.tool ?? "none"} args=${clip(node.data.args, 200)} ${at}`;
    case "condition":
    case "transform":
      return `${node.id} ${node.type} "${clip(node.data.label, 60)}" expression=${clip(node.data.expression, 200)} ${at}`;
    case "merge":
      return `${node.id} merge "${clip(node.data.label, 60)}" mode=${node.data.mode} ${at}`;
    case "note":
      return `${node.id} note "${clip(node.data.text, 120)}" ${at}`;
  }
}

/** The graph in a few lines per node, for the model's context (user-written text is clipped). */
export function summarizeGraph(graph: WireGraph, maxNodes = 200): string {
  if (graph.nodes.length === 0) return "The workflow is empty.";
  const lines = [`${graph.nodes.length} nodes, ${graph.edges.length} edges.`, "Nodes:"];
  for (const node of graph.nodes.slice(0, maxNodes)) lines.push(`- ${describeNode(node)}`);
  if (graph.nodes.length > maxNodes) lines.push(`- …and ${graph.nodes.length - maxNodes} more`);
  if (graph.edges.length > 0) lines.push("Edges:");
  for (const edge of graph.edges.slice(0, maxNodes * 2)) {
    lines.push(
      `- ${edge.id}: ${edge.source}.${edge.sourceHandle ?? "out"} -> ${edge.target}.${edge.targetHandle ?? "in"}`,
    );
  }
  return lines.join("\n");
}
