import { checkJsonArgs } from "@/lib/graph/json-args";
import { isTriggerType, NODE_SPECS, type WireNode } from "@/lib/graph/nodes";
import type { WireEdge } from "@/lib/graph/schemas";
import { ExpressionError, parseExpression } from "@/lib/runs/expression";
import { hasTemplate, parseTemplates } from "@/lib/runs/template";
import { previewSchedule, scheduleSpecOf } from "@/lib/triggers/schedule";

/** What a run executes: the nodes reachable from its trigger, in an order where every node comes after its inputs. */
export type RunPlan = {
  triggerId: string;
  order: string[];
  nodes: Map<string, WireNode>;
  /** Edges into each planned node, from planned nodes. */
  incoming: Map<string, WireEdge[]>;
};

export type RunGraph = { nodes: WireNode[]; edges: WireEdge[] };
export type ToolDirectory = (
  serverId: string,
  tool: string,
) => { inputSchema: Record<string, unknown> | null } | "no-server" | "no-tool";

/** A graph a run refuses before anything runs; each problem names its node, and `nodeIds` lists them. */
export class PlanError extends Error {
  constructor(
    readonly problems: string[],
    readonly nodeIds: string[] = [],
  ) {
    super(`The workflow cannot run:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    this.name = "PlanError";
  }
}

export function nodeName(node: WireNode): string {
  const label = "label" in node.data && node.data.label ? node.data.label : NODE_SPECS[node.type].label;
  return `"${label}" (${node.id})`;
}

/** Plans a run; throws PlanError listing every problem found. */
export function planRun(graph: RunGraph, triggerId: string, tools: ToolDirectory): RunPlan {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const trigger = byId.get(triggerId);
  if (!trigger || !isTriggerType(trigger.type))
    throw new PlanError([`there is no trigger node "${triggerId}"`]);

  const outgoing = new Map<string, WireEdge[]>();
  for (const edge of graph.edges) outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);

  const reachable = new Set<string>([triggerId]);
  const queue = [triggerId];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const edge of outgoing.get(id) ?? []) {
      const target = byId.get(edge.target);
      if (target && NODE_SPECS[target.type].runs && !reachable.has(edge.target)) {
        reachable.add(edge.target);
        queue.push(edge.target);
      }
    }
  }

  const incoming = new Map<string, WireEdge[]>([...reachable].map((id) => [id, []]));
  for (const edge of graph.edges) {
    if (reachable.has(edge.source) && reachable.has(edge.target)) incoming.get(edge.target)?.push(edge);
  }

  const order = topologicalOrder(reachable, incoming, outgoing);
  if (order.length < reachable.size) {
    const stuck = [...reachable].filter((id) => !order.includes(id));
    throw new PlanError(
      [
        `these nodes form a cycle, so none of them can go first: ${stuck.map((id) => nodeName(byId.get(id) as WireNode)).join(", ")}`,
      ],
      stuck,
    );
  }

  const nodes = new Map(order.map((id) => [id, byId.get(id) as WireNode]));
  const plan: RunPlan = { triggerId, order, nodes, incoming };
  const checked = order.map((id) => ({ id, problems: checkNode(plan, nodes.get(id) as WireNode, tools) }));
  const refused = checked.filter((node) => node.problems.length > 0);
  if (refused.length > 0)
    throw new PlanError(
      refused.flatMap((node) => node.problems),
      refused.map((node) => node.id),
    );
  return plan;
}

function topologicalOrder(
  reachable: Set<string>,
  incoming: Map<string, WireEdge[]>,
  outgoing: Map<string, WireEdge[]>,
): string[] {
  const waiting = new Map(
    [...reachable].map((id) => [id, new Set((incoming.get(id) ?? []).map((e) => e.source)).size]),
  );
  const ready = [...reachable].filter((id) => waiting.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift() as string;
    order.push(id);
    const targets = new Set((outgoing.get(id) ?? []).map((e) => e.target).filter((t) => reachable.has(t)));
    for (const target of targets) {
      const left = (waiting.get(target) ?? 0) - 1;
      waiting.set(target, left);
      if (left === 0) ready.push(target);
    }
  }
  return order;
}

/** Nodes that run before `id` in every run of the plan (its ancestors). */
export function ancestorsOf(plan: RunPlan, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    for (const edge of plan.incoming.get(stack.pop() as string) ?? []) {
      if (!seen.has(edge.source)) {
        seen.add(edge.source);
        stack.push(edge.source);
      }
    }
  }
  return seen;
}

function checkNode(plan: RunPlan, node: WireNode, tools: ToolDirectory): string[] {
  const name = nodeName(node);
  const upstream = () => ancestorsOf(plan, node.id);
  const refProblems = (refs: string[]) =>
    refs
      .filter((ref) => !upstream().has(ref))
      .map(
        (ref) =>
          `${name} reads nodes.${ref}, which ${plan.nodes.has(ref) ? "does not run before it" : "is not a node of this run"}`,
      );

  if (node.type === "condition" || node.type === "transform") {
    try {
      return refProblems(parseExpression(node.data.expression).nodeRefs);
    } catch (error) {
      return [`${name}: ${(error as ExpressionError).message}`];
    }
  }
  if (node.type === "schedule") {
    const preview = previewSchedule(scheduleSpecOf(node.data));
    return preview.ok ? [] : [`${name}: ${preview.error}`];
  }
  if (node.type !== "protocol") return [];
  if (!node.data.serverId || !node.data.tool) return [`${name} has no tool chosen`];
  let args: unknown;
  try {
    args = JSON.parse(node.data.args);
  } catch (error) {
    return [`${name}: the arguments are not valid JSON (${(error as Error).message})`];
  }
  if (typeof args !== "object" || args === null || Array.isArray(args))
    return [`${name}: the arguments must be a JSON object`];
  let refs: string[];
  try {
    refs = parseTemplates(args).flatMap((parsed) => parsed.nodeRefs);
  } catch (error) {
    if (error instanceof ExpressionError) return [`${name}: ${error.message}`];
    throw error;
  }
  const found = tools(node.data.serverId, node.data.tool);
  if (found === "no-server")
    return [`${name} calls a server that is not in the registry ("${node.data.serverId}")`];
  if (found === "no-tool") return [`${name} calls "${node.data.tool}", which the server does not offer`];
  const schemaProblems = checkJsonArgs(
    JSON.stringify(staticPart(args as Record<string, unknown>)),
    schemaWithoutTemplated(found.inputSchema, args as Record<string, unknown>),
  );
  return [...refProblems(refs), ...schemaProblems.map((p) => `${name}: ${p}`)];
}

/** Templated arguments get their value at run time; the schema is checked on the rest before, and by the server after. */
function staticPart(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args).filter(([, value]) => !(typeof value === "string" && hasTemplate(value))),
  );
}

function schemaWithoutTemplated(schema: Record<string, unknown> | null, args: Record<string, unknown>) {
  if (!schema) return schema;
  const templated = new Set(Object.keys(args).filter((key) => !Object.hasOwn(staticPart(args), key)));
  const required = Array.isArray(schema.required)
    ? (schema.required as string[]).filter((key) => !templated.has(key))
    : schema.required;
  const properties = Object.fromEntries(Object.entries((schema.properties ?? {}) as Record<string, unknown>));
  return { ...schema, required, properties };
}
