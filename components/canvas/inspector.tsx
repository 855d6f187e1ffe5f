"use client";

import { useShallow } from "zustand/react/shallow";
import { checkJsonArgs } from "@/lib/graph/json-args";
import { NODE_SPECS } from "@/lib/graph/node-specs";
import type { RegistryServer } from "@/lib/trpc/types";
import styles from "./editor.module.css";
import { useCanvasStore } from "./store-context";

function JsonField({ label, value, problems, onChange }: { label: string; value: string; problems: string[]; onChange: (v: string) => void }) {
  return (
    <label className={styles.field}>
      <span>{label}</span>
      <textarea className={styles.code} rows={6} value={value} spellCheck={false} onChange={(e) => onChange(e.target.value)} aria-invalid={problems.length > 0} />
      {problems.map((p) => (
        <span key={p} className={styles.fieldError}>
          {p}
        </span>
      ))}
    </label>
  );
}

/** Edits the one selected node; every edit is an undoable local change. */
export function Inspector({ registry }: { registry: RegistryServer[] }) {
  const selected = useCanvasStore(useShallow((s) => s.nodes.filter((n) => n.selected)));
  const update = useCanvasStore((s) => s.updateNodeData);
  const deleteSelection = useCanvasStore((s) => s.deleteSelection);
  const node = selected.length === 1 ? selected[0] : undefined;

  if (!node) {
    return (
      <aside className={styles.inspector} aria-label="Inspector">
        <h2 className={styles.panelTitle}>Inspector</h2>
        <p className={styles.hint}>{selected.length > 1 ? `${selected.length} nodes selected.` : "Select a node to edit it."}</p>
      </aside>
    );
  }
  const set = (field: string, value: unknown) => update(node.id, { [field]: value }, field);

  return (
    <aside className={styles.inspector} aria-label="Inspector">
      <h2 className={styles.panelTitle}>{NODE_SPECS[node.type].label}</h2>
      <p className={styles.hint}>id: {node.id}</p>
      {node.type !== "note" && (
        <label className={styles.field}>
          <span>Label</span>
          <input value={node.data.label} maxLength={200} onChange={(e) => set("label", e.target.value)} />
        </label>
      )}
      {node.type === "trigger" && (
        <JsonField label="Input (JSON)" value={node.data.input} problems={checkJsonArgs(node.data.input, null)} onChange={(v) => set("input", v)} />
      )}
      {node.type === "protocol" &&
        (() => {
          const server = registry.find((s) => s.id === node.data.serverId);
          const tool = server?.tools.find((t) => t.name === node.data.tool);
          return (
            <>
              <label className={styles.field}>
                <span>MCP server</span>
                <select
                  value={node.data.serverId ?? ""}
                  onChange={(e) => update(node.id, { serverId: e.target.value || null, tool: null }, "serverId")}
                >
                  <option value="">Choose a server…</option>
                  {registry.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className={styles.field}>
                <span>Tool</span>
                <select value={node.data.tool ?? ""} disabled={!server} onChange={(e) => set("tool", e.target.value || null)}>
                  <option value="">Choose a tool…</option>
                  {server?.tools.map((t) => (
                    <option key={t.name} value={t.name}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </label>
              {tool?.description && <p className={styles.hint}>{tool.description}</p>}
              <JsonField
                label="Arguments (JSON)"
                value={node.data.args}
                problems={checkJsonArgs(node.data.args, tool?.inputSchema)}
                onChange={(v) => set("args", v)}
              />
            </>
          );
        })()}
      {node.type === "note" && (
        <label className={styles.field}>
          <span>Text</span>
          <textarea rows={6} value={node.data.text} onChange={(e) => set("text", e.target.value)} />
        </label>
      )}
      <button type="button" className={styles.dangerButton} onClick={deleteSelection}>
        Delete node
      </button>
    </aside>
  );
}
