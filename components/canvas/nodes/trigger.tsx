import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { checkJsonArgs } from "@/lib/graph/json-args";
import type { FlowNode } from "@/lib/graph/nodes";
import { triggerNode } from "@/lib/graph/nodes/trigger";
import { BoxNode } from "./box-node";
import { JsonField, LabelField } from "./fields";
import type { NodeFormProps, NodeView } from "./view";

function TriggerNodeView({ id, data, selected }: NodeProps<FlowNode<"trigger">>) {
  return (
    <BoxNode
      nodeId={id}
      type="trigger"
      icon="▶"
      label={data.label || triggerNode.defaults.label}
      kind="trigger"
      body="Manual start with a JSON input"
      selected={selected}
    />
  );
}

function TriggerForm({ node, update }: NodeFormProps<"trigger">) {
  return (
    <>
      <LabelField value={node.data.label} onChange={(label) => update({ label }, "label")} />
      <JsonField
        label="Input (JSON)"
        value={node.data.input}
        problems={checkJsonArgs(node.data.input, null)}
        onChange={(input) => update({ input }, "input")}
      />
    </>
  );
}

export const triggerView: NodeView<"trigger"> = { Node: memo(TriggerNodeView), Form: TriggerForm };
