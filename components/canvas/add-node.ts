import { type AppNode, defaultNodeData, type NodeType } from "@/lib/graph/nodes";

export function makeNode(
  type: NodeType,
  position: { x: number; y: number },
  data?: Partial<AppNode["data"]>,
): AppNode {
  return {
    id: `${type}-${crypto.randomUUID().slice(0, 8)}`,
    type,
    position,
    data: { ...defaultNodeData(type), ...data },
    selected: true,
  } as AppNode;
}
