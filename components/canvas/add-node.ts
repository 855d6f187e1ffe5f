import { type AppNode, defaultNodeData } from "@/lib/graph/flow-types";
import type { NodeType } from "@/lib/graph/node-specs";

export function makeNode(type: NodeType, position: { x: number; y: number }, data?: Partial<AppNode["data"]>): AppNode {
  return {
    id: `${type}-${crypto.randomUUID().slice(0, 8)}`,
    type,
    position,
    data: { ...defaultNodeData(type), ...data },
    selected: true,
  } as AppNode;
}
