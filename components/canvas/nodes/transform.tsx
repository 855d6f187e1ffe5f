import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import styles from "@/components/canvas/editor.module.css";
import { ExpressionPreview } from "@/components/canvas/runs/expression-preview";
import type { FlowNode } from "@/lib/graph/nodes";
import { transformNode } from "@/lib/graph/nodes/transform";
import { BoxNode } from "./box-node";
import { ExpressionField, LabelField } from "./fields";
import { OnErrorField } from "./step-settings";
import type { NodeFormProps, NodeView } from "./view";

function TransformNodeView({ id, data, selected }: NodeProps<FlowNode<"transform">>) {
  return (
    <BoxNode
      nodeId={id}
      type="transform"
      icon="ƒ"
      label={data.label || transformNode.defaults.label}
      kind="map"
      body={data.expression || "No expression"}
      selected={selected}
    />
  );
}

function TransformForm({ node, update }: NodeFormProps<"transform">) {
  return (
    <>
      <LabelField value={node.data.label} onChange={(label) => update({ label }, "label")} />
      <ExpressionField
        value={node.data.expression}
        rows={5}
        onChange={(expression) => update({ expression }, "expression")}
      />
      <p className={styles.hint}>
        Reads <code>input</code> (the trigger's input) and <code>nodes.&lt;id&gt;</code> (an earlier node's
        output); its value is this node's output, e.g. <code>{'{ "total": $sum(input.items.price) }'}</code>.
      </p>
      <ExpressionPreview expression={node.data.expression} />
      <OnErrorField value={node.data.onError} onChange={update} />
    </>
  );
}

export const transformView: NodeView<"transform"> = { Node: memo(TransformNodeView), Form: TransformForm };
