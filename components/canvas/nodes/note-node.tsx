import { NodeResizer, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { NoteNode as NoteNodeType } from "@/lib/graph/flow-types";
import { useCanvasStore } from "../store-context";
import styles from "./nodes.module.css";

function NoteNodeView({ id, data, selected }: NodeProps<NoteNodeType>) {
  const updateNodeData = useCanvasStore((s) => s.updateNodeData);
  return (
    <div className={styles.note}>
      <NodeResizer isVisible={selected} minWidth={160} minHeight={90} />
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

export const NoteNode = memo(NoteNodeView);
