import type { NodeTypes } from "@xyflow/react";
import type { AppNode, NodeType } from "@/lib/graph/nodes";
import { conditionView } from "./condition";
import { mergeView } from "./merge";
import { noteView } from "./note";
import { protocolView } from "./protocol";
import { scheduleView } from "./schedule";
import { transformView } from "./transform";
import { triggerView } from "./trigger";
import type { NodeFormProps, NodeView } from "./view";
import { webhookView } from "./webhook";

/** Each node type's canvas view and inspector form; the type checker asks for every type. */
const NODE_VIEWS: { [K in NodeType]: NodeView<K> } = {
  trigger: triggerView,
  webhook: webhookView,
  schedule: scheduleView,
  protocol: protocolView,
  condition: conditionView,
  transform: transformView,
  merge: mergeView,
  note: noteView,
};

/** Defined once at module level, so React Flow never sees a new object and remounts nodes. */
export const nodeTypes: NodeTypes = Object.fromEntries(
  Object.entries(NODE_VIEWS).map(([type, view]) => [type, view.Node]),
) as NodeTypes;

/** The inspector form of the node's type. */
export function NodeForm(props: NodeFormProps<NodeType> & { node: AppNode }) {
  const Form = NODE_VIEWS[props.node.type].Form as NodeView<NodeType>["Form"];
  return <Form {...props} />;
}
