import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import styles from "@/components/canvas/editor.module.css";
import type { FlowNode } from "@/lib/graph/nodes";
import { mergeNode } from "@/lib/graph/nodes/merge";
import { BoxNode } from "./box-node";
import { LabelField } from "./fields";
import type { NodeFormProps, NodeView } from "./view";

const MODE_TEXT = { all: "Waits for every branch", first: "Goes on with the first branch" } as const;

function MergeNodeView({ id, data, selected }: NodeProps<FlowNode<"merge">>) {
  return (
    <BoxNode
      nodeId={id}
      type="merge"
      icon="⋈"
      label={data.label || mergeNode.defaults.label}
      kind="join"
      body={MODE_TEXT[data.mode]}
      selected={selected}
    />
  );
}

function MergeForm({ node, update }: NodeFormProps<"merge">) {
  return (
    <>
      <LabelField value={node.data.label} onChange={(label) => update({ label }, "label")} />
      <label className={styles.field}>
        <span>Wait for</span>
        <select
          value={node.data.mode}
          onChange={(e) => update({ mode: e.target.value === "first" ? "first" : "all" }, "mode")}
        >
          <option value="all">All branches: outputs each by node id</option>
          <option value="first">The first branch: outputs its output</option>
        </select>
      </label>
      <p className={styles.hint}>
        A branch that was skipped (a condition's other side) or failed without carrying on does not count; the
        merge is skipped only when none arrives.
      </p>
    </>
  );
}

export const mergeView: NodeView<"merge"> = { Node: memo(MergeNodeView), Form: MergeForm };
