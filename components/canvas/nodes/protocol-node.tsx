import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { ProtocolNode as ProtocolNodeType } from "@/lib/graph/flow-types";
import { NodeHandles } from "./handles";
import styles from "./nodes.module.css";

function ProtocolNodeView({ data, selected }: NodeProps<ProtocolNodeType>) {
  return (
    <div className={`${styles.node} ${selected ? styles.selected : ""}`}>
      <div className={styles.header}>
        <span aria-hidden>⚙</span>
        <span>{data.label || "Call a tool"}</span>
        <span className={styles.kind}>mcp</span>
      </div>
      <div className={styles.body}>{data.tool ? `${data.serverId} · ${data.tool}` : "No tool chosen"}</div>
      <NodeHandles type="protocol" />
    </div>
  );
}

export const ProtocolNode = memo(ProtocolNodeView);
