import { RunBadge } from "@/components/canvas/runs/run-badge";
import type { NodeType } from "@/lib/graph/nodes";
import { fixedSize } from "./geometry";
import { NodeHandles } from "./handles";
import styles from "./nodes.module.css";

/** The fixed-size card of trigger and tool nodes (their size rule gives the size); long texts are cut short, whole in the tooltip. */
export function BoxNode({
  nodeId,
  type,
  icon,
  label,
  kind,
  body,
  selected,
}: {
  nodeId: string;
  type: Exclude<NodeType, "note">;
  icon: string;
  label: string;
  kind: string;
  body: string;
  selected: boolean;
}) {
  return (
    <div className={`${styles.node} ${selected ? styles.selected : ""}`} style={fixedSize(type)}>
      <div className={styles.header}>
        <span aria-hidden>{icon}</span>
        <span className={styles.label} title={label}>
          {label}
        </span>
        <span className={styles.kind}>{kind}</span>
      </div>
      <div className={styles.body} title={body}>
        {body}
      </div>
      <RunBadge nodeId={nodeId} />
      <NodeHandles type={type} />
    </div>
  );
}
