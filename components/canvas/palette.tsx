import { NODE_SPECS, NODE_TYPES, type NodeType } from "@/lib/graph/nodes";
import styles from "./editor.module.css";

export function Palette({ onAdd }: { onAdd: (type: NodeType) => void }) {
  return (
    <aside className={styles.palette} aria-label="Node palette">
      <h2 className={styles.panelTitle}>Add</h2>
      {NODE_TYPES.map((type) => (
        <button
          key={type}
          type="button"
          className={styles.paletteItem}
          onClick={() => onAdd(type)}
          aria-label={`Add ${NODE_SPECS[type].label}`}
        >
          <strong>{NODE_SPECS[type].label}</strong>
          <span>{NODE_SPECS[type].description}</span>
        </button>
      ))}
      <p className={styles.hint}>
        <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>K</kbd> to search
      </p>
    </aside>
  );
}
