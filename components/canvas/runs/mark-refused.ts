import type { CanvasStore } from "@/components/canvas/store";

/** The class of a node a refused run names (drawn with a red outline). */
export const REFUSED_CLASS = "run-refused";

/**
 * Marks the nodes whose ids a refusal names ("Search" (protocol-1a2b3c4d) has no server…) and
 * unmarks the others; an empty message unmarks all. View state only: nothing is saved.
 */
export function markRefused(store: CanvasStore, message: string) {
  store.getState().applyViewChange((s) => ({
    nodes: s.nodes.map((node) => {
      const named = message !== "" && message.includes(node.id);
      if (named === (node.className === REFUSED_CLASS)) return node;
      if (named) return { ...node, className: REFUSED_CLASS };
      const { className: _, ...rest } = node;
      return rest as typeof node;
    }),
  }));
}
