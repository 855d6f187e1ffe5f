import type { NodeProps } from "@xyflow/react";
import type { ComponentType } from "react";
import type { FlowNode, NodeData, NodeType } from "@/lib/graph/nodes";
import type { RegistryServer } from "@/lib/trpc/types";

export type NodeFormProps<T extends NodeType> = {
  node: FlowNode<T>;
  /** An undoable edit of the node's data; `field` groups a burst of typing into one undo step. */
  update: (patch: Partial<NodeData<T>>, field: string) => void;
  /** The MCP servers and tools the user may choose from. */
  registry: RegistryServer[];
  /** The workflow being edited (for forms that reach the server, e.g. a webhook's URL). */
  workflowId: string;
};

/** How one node type looks on the canvas and how the inspector edits it. */
export type NodeView<T extends NodeType> = {
  /** Memoised, so React Flow re-renders a node only when its own props change. */
  Node: ComponentType<NodeProps<FlowNode<T>>>;
  Form: ComponentType<NodeFormProps<T>>;
};
