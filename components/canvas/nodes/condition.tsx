import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import styles from "@/components/canvas/editor.module.css";
import type { FlowNode } from "@/lib/graph/nodes";
import { conditionNode } from "@/lib/graph/nodes/condition";
import { BoxNode } from "./box-node";
import { ExpressionField, LabelField } from "./fields";
import type { NodeFormProps, NodeView } from "./view";

function ConditionNodeView({ id, data, selected }: NodeProps<FlowNode<"condition">>) {
  return (
    <BoxNode
      nodeId={id}
      type="condition"
      icon="◇"
      label={data.label || conditionNode.defaults.label}
      kind="if"
      body={data.expression || "No expression"}
      selected={selected}
    />
  );
}

function ConditionForm({ node, update }: NodeFormProps<"condition">) {
  return (
    <>
      <LabelField value={node.data.label} onChange={(label) => update({ label }, "label")} />
      <ExpressionField
        value={node.data.expression}
        rows={3}
        onChange={(expression) => update({ expression }, "expression")}
      />
      <p className={styles.hint}>
        Reads <code>input</code> (the trigger's input) and <code>nodes.&lt;id&gt;</code> (an earlier node's
        output). True carries on through the upper output, false through the lower one; the other branch is
        skipped.
      </p>
    </>
  );
}

export const conditionView: NodeView<"condition"> = { Node: memo(ConditionNodeView), Form: ConditionForm };
