import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { TriggerNode as TriggerNodeType } from "@/lib/graph/flow-types";
import { NodeHandles } from "./handles";
import styles from "./nodes.module.css";

function TriggerNodeView({ data, selected }: NodeProps<TriggerNodeType>) {
  return (
    <div className={`${styles.node} ${selected ? styles.selected : ""}`}>
      <div className={styles.header}>
        <span aria-hidden>▶</span>
        <span>{data.label || "Start"}</span>
        <span className={styles.kind}>trigger</span>
      </div>
      <div className={styles.body}>Manual start with a JSON input</div>
      <NodeHandles type="trigger" />
    </div>
  );
}

export const TriggerNode = memo(TriggerNodeView);
