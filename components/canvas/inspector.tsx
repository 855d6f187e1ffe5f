"use client";

import { useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { RunData } from "@/components/canvas/runs/run-data";
import { NODE_SPECS } from "@/lib/graph/nodes";
import { fieldExpression, fieldTemplate } from "@/lib/runs/reference";
import type { RegistryServer } from "@/lib/trpc/types";
import styles from "./editor.module.css";
import { insertIntoField, isTextField, type TextField } from "./insert-into-field";
import { NodeForm } from "./nodes";
import { useCanvasStore } from "./store-context";

/** Edits the one selected node with its type's form; every edit is an undoable local change. */
export function Inspector({ registry, workflowId }: { registry: RegistryServer[]; workflowId: string }) {
  const selected = useCanvasStore(useShallow((s) => s.nodes.filter((n) => n.selected)));
  const update = useCanvasStore((s) => s.updateNodeData);
  const deleteSelection = useCanvasStore((s) => s.deleteSelection);
  const node = selected.length === 1 ? selected[0] : undefined;
  // The text field last edited: where a field picked from the last run's data goes.
  const lastField = useRef<TextField | null>(null);

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
    <aside
      className={styles.inspector}
      aria-label="Inspector"
      onFocusCapture={(event) => {
        if (isTextField(event.target)) lastField.current = event.target;
      }}
    >
      <h2 className={styles.panelTitle}>{NODE_SPECS[node.type].label}</h2>
      <p className={styles.hint}>id: {node.id}</p>
      <NodeForm
        node={node}
        registry={registry}
        workflowId={workflowId}
        update={(patch, field) => update(node.id, patch, field)}
      />
      {NODE_SPECS[node.type].runs ? (
        <RunData
          nodeId={node.id}
          onPick={(source, path) => {
            const field = lastField.current;
            if (!field?.isConnected) return;
            // An expression field takes the bare expression; every other text field a template.
            const expression = field.dataset.reference === "expression";
            insertIntoField(field, expression ? fieldExpression(source, path) : fieldTemplate(source, path));
          }}
        />
      ) : null}
      <button type="button" className={styles.dangerButton} onClick={deleteSelection}>
        Delete node
      </button>
    </aside>
  );
}
