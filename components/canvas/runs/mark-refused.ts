import type { CanvasStore } from "@/components/canvas/store";

/** The class of a node a refused run names (drawn with a red outline). */
export const REFUSED_CLASS = "run-refused";

/**
 * Marks the nodes a refusal is about (the API lists their ids beside its sentence) and unmarks
 * the others; no ids unmarks all. View state only: nothing is saved.
 */
export function markRefused(store: CanvasStore, nodeIds: readonly string[]) {
  const refused = new Set(nodeIds);
  store.getState().applyViewChange((s) => ({
    nodes: s.nodes.map((node) => {
      const named = refused.has(node.id);
      if (named === (node.className === REFUSED_CLASS)) return node;
      if (named) return { ...node, className: REFUSED_CLASS };
      const { className: _, ...rest } = node;
      return rest as typeof node;
    }),
  }));
}
