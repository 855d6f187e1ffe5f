import { type NodeProps, NodeResizer } from "@xyflow/react";
import { memo } from "react";
import editorStyles from "@/components/canvas/editor.module.css";
import { useCanvasStore } from "@/components/canvas/store-context";
import type { FlowNode } from "@/lib/graph/nodes";
import { noteNode } from "@/lib/graph/nodes/note";
import styles from "./nodes.module.css";
import type { NodeFormProps, NodeView } from "./view";

const { minWidth, minHeight } = noteNode.size;

function NoteNodeView({ id, data, selected }: NodeProps<FlowNode<"note">>) {
  const updateNodeData = useCanvasStore((s) => s.updateNodeData);
  return (
    <div className={styles.note}>
      <NodeResizer isVisible={selected} minWidth={minWidth} minHeight={minHeight} />
      <textarea
        className={`${styles.noteText} nodrag nowheel`}
        value={data.text}
        placeholder="Write a note…"
        aria-label="Note text"
        onChange={(event) => updateNodeData(id, { text: event.target.value }, "text")}
      />
    </div>
  );
}

function NoteForm({ node, update }: NodeFormProps<"note">) {
  return (
    <label className={editorStyles.field}>
      <span>Text</span>
      <textarea rows={6} value={node.data.text} onChange={(e) => update({ text: e.target.value }, "text")} />
    </label>
  );
}

export const noteView: NodeView<"note"> = { Node: memo(NoteNodeView), Form: NoteForm };
