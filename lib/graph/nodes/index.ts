import type { Node } from "@xyflow/react";
import { z } from "zod";
import { nodeBaseShape } from "@/lib/graph/node-base";
import { conditionNode } from "./condition";
import { mergeNode } from "./merge";
import { noteNode } from "./note";
import { protocolNode } from "./protocol";
import { scheduleNode } from "./schedule";
import type { HandleSpec, ValueKind } from "./spec";
import { transformNode } from "./transform";
import { triggerNode } from "./trigger";
import { webhookNode } from "./webhook";

export type { HandleSpec, NodeSpec, SizeRule, ValueKind } from "./spec";

/**
 * Every node type, in palette order. Adding a type: its module beside these and one entry here;
 * everything below (types, specs, defaults, the wire schema) follows from this list.
 */
export const NODE_LIST = [
  triggerNode,
  webhookNode,
  scheduleNode,
  protocolNode,
  conditionNode,
  transformNode,
  mergeNode,
  noteNode,
] as const;

type Listed = (typeof NODE_LIST)[number];
export type NodeType = Listed["type"];
type SpecOf<T extends NodeType> = Extract<Listed, { type: T }>;

/** The `data` of a node of type T (of any type when T is left out). */
export type NodeData<T extends NodeType = NodeType> = z.infer<SpecOf<T>["data"]>;

/** React Flow's typed node (xyflow's `Node<Data, 'type'>`), a union over the types given. */
export type FlowNode<T extends NodeType = NodeType> = { [K in T]: Node<NodeData<K>, K> }[T];
export type AppNode = FlowNode;

export const NODE_TYPES: readonly NodeType[] = NODE_LIST.map((spec) => spec.type);

export const NODE_SPECS = Object.fromEntries(NODE_LIST.map((spec) => [spec.type, spec])) as {
  [K in NodeType]: SpecOf<K>;
};

export function isNodeType(value: string): value is NodeType {
  return Object.hasOwn(NODE_SPECS, value);
}

/** Whether nodes of this type start runs (a manual, webhook or schedule trigger). */
export function isTriggerType(type: string): boolean {
  return isNodeType(type) && NODE_SPECS[type].trigger !== undefined;
}

export function defaultNodeData<T extends NodeType>(type: T): NodeData<T> {
  return { ...NODE_SPECS[type].defaults } as NodeData<T>;
}

type WireVariant<S extends Listed> = z.ZodObject<
  typeof nodeBaseShape & { type: z.ZodLiteral<S["type"]>; data: S["data"] },
  z.core.$strict
>;
type WireVariants<List extends readonly Listed[]> = {
  -readonly [K in keyof List]: List[K] extends Listed ? WireVariant<List[K]> : never;
};
const wireVariant = (spec: Listed) =>
  z.strictObject({ ...nodeBaseShape, type: z.literal(spec.type), data: spec.data });

/** A stored node as sent over the wire: the common fields and the data its type defines. */
export const wireNodeSchema = z.discriminatedUnion(
  "type",
  NODE_LIST.map(wireVariant) as unknown as WireVariants<typeof NODE_LIST>,
);
export type WireNode = z.infer<typeof wireNodeSchema>;

function findHandle(
  handles: readonly HandleSpec[],
  handleId: string | null | undefined,
): HandleSpec | undefined {
  return handleId == null
    ? handles.length === 1
      ? handles[0]
      : undefined
    : handles.find((h) => h.id === handleId);
}

/** The output handle an edge leaves from; a null id names the type's only output, if it has one. */
export function outputHandle(type: string, handleId: string | null | undefined): HandleSpec | undefined {
  return isNodeType(type) ? findHandle(NODE_SPECS[type].outputs, handleId) : undefined;
}

export function inputHandle(type: string, handleId: string | null | undefined): HandleSpec | undefined {
  return isNodeType(type) ? findHandle(NODE_SPECS[type].inputs, handleId) : undefined;
}

/** Whether a value of kind `from` may flow into a handle that accepts `to`. */
export function kindsFit(from: ValueKind, to: ValueKind): boolean {
  return to === "any" || from === "any" || from === to;
}
