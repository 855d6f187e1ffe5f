"use client";

import { useEffect, useRef } from "react";
import styles from "./editor.module.css";

const SHORTCUTS: [keys: string, what: string][] = [
  ["Ctrl/⌘ K", "Search nodes and MCP tools to add"],
  ["Ctrl/⌘ Z", "Undo"],
  ["Ctrl/⌘ Shift Z, Ctrl/⌘ Y", "Redo"],
  ["Ctrl/⌘ C, Ctrl/⌘ V", "Copy and paste the selected nodes (also between workflows)"],
  ["Delete, Backspace", "Delete the selected nodes and connections"],
  ["Shift click, Ctrl/⌘ click", "Select several nodes"],
  ["Shift drag", "Select the nodes in a rectangle"],
  ["Space drag, drag the canvas", "Pan"],
  ["Ctrl/⌘ scroll, pinch", "Zoom"],
  ["?", "Show this list"],
];

/** The editor's keyboard shortcuts and a few hints, in a modal dialog (Escape closes it). */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} className={styles.shortcuts} aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className={styles.shortcut}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p className={styles.hint}>
        Click a palette item to add it after the selected node, connected; drag it to drop it anywhere. Runs,
        Versions and Trymate open beside the canvas; click a node to edit it.
      </p>
      <button type="button" className={styles.toolButton} onClick={() => ref.current?.close()}>
        Close
      </button>
    </dialog>
  );
}
