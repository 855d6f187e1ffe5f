import { Handle, Position } from "@xyflow/react";
import { NODE_SPECS, type NodeType } from "@/lib/graph/nodes";
import { handleOffset } from "./geometry";
import styles from "./nodes.module.css";

/** The named input (left) and output (right) handles of a node type, spread along its side. */
export function NodeHandles({ type }: { type: NodeType }) {
  const { inputs, outputs } = NODE_SPECS[type];
  const offset = (i: number, count: number) => `${handleOffset(i, count) * 100}%`;
  return (
    <>
      {inputs.map((h, i) => (
        <Handle
          key={`in-${h.id}`}
          id={h.id}
          type="target"
          position={Position.Left}
          style={{ top: offset(i, inputs.length) }}
          title={h.label}
          data-testid={`handle-in-${h.id}`}
        />
      ))}
      {outputs.map((h, i) => (
        <Handle
          key={`out-${h.id}`}
          id={h.id}
          type="source"
          position={Position.Right}
          style={{ top: offset(i, outputs.length) }}
          title={h.label}
          data-testid={`handle-out-${h.id}`}
        />
      ))}
      {/* With more than one output, each says which it is (true / false, ok / error). */}
      {outputs.length > 1
        ? outputs.map((h, i) => (
            <span
              key={`label-${h.id}`}
              className={styles.handleLabel}
              style={{ top: offset(i, outputs.length) }}
              data-testid={`handle-label-${h.id}`}
            >
              {h.label}
            </span>
          ))
        : null}
    </>
  );
}
