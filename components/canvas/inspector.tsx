"use client";

import { useShallow } from "zustand/react/shallow";
import { NODE_SPECS } from "@/lib/graph/nodes";
import type { RegistryServer } from "@/lib/trpc/types";
import styles from "./editor.module.css";
import { NodeForm } from "./nodes";
import { useCanvasStore } from "./store-context";

/** Edits the one selected node with its type's form; every edit is an undoable local change. */
export function Inspector({ registry, workflowId }: { registry: RegistryServer[]; workflowId: string }) {
  const selected = useCanvasStore(useShallow((s) => s.nodes.filter((n) => n.selected)));
  const update = useCanvasStore((s) => s.updateNodeData);
  const deleteSelection = useCanvasStore((s) => s.deleteSelection);
  const node = selected.length === 1 ? selected[0] : undefined;

  if (!node) {
    return (
      <aside className={styles.inspector} aria-label="Inspector">
        <h2 className={styles.panelTitle}>Inspector</h2>
        <p className={styles.hint}>
          {selected.length > 1 ? `${selected.length} nodes selected.` : "Select a node to edit it."}
        </p>
      </aside>
    );
  }

  return (
    <aside className={styles.inspector} aria-label="Inspector">
      <h2 className={styles.panelTitle}>{NODE_SPECS[node.type].label}</h2>
      <p className={styles.hint}>id: {node.id}</p>
      <NodeForm
        node={node}
        registry={registry}
        workflowId={workflowId}
        update={(patch, field) => update(node.id, patch, field)}
      />
      <button type="button" className={styles.dangerButton} onClick={deleteSelection}>
        Delete node
      </button>
    </aside>
  );
}
