import hidden from "@/components/ui/visually-hidden.module.css";
import { NODE_SPECS, NODE_TYPES, type NodeType } from "@/lib/graph/nodes";
import styles from "./editor.module.css";
import { PALETTE_DRAG_TYPE } from "./use-add-node";

/** The node types: a click adds one after the selected node, a drag drops one on the canvas. */
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
          draggable
          onDragStart={(event) => {
            event.dataTransfer.setData(PALETTE_DRAG_TYPE, type);
            event.dataTransfer.effectAllowed = "copy";
          }}
          aria-describedby={`palette-${type}`}
        >
          {/* Named "Add <label>" by its own text, so the name holds what is seen; the description describes. */}
          <strong>
            <span className={hidden.visuallyHidden}>Add </span>
            {NODE_SPECS[type].label}
          </strong>
          <span id={`palette-${type}`} aria-hidden>
            {NODE_SPECS[type].description}
          </span>
        </button>
      ))}
      <p className={styles.hint}>Click to add after the selected node, or drag onto the canvas.</p>
      <p className={styles.hint}>
        <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>K</kbd> to search · <kbd>?</kbd> for shortcuts
      </p>
    </aside>
  );
}
