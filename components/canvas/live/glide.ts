import type { XYPosition } from "@xyflow/react";
import type { CanvasStore } from "@/components/canvas/store";

const easeOutCubic = (t: number) => 1 - (1 - t) ** 3;
const nextFrame = (callback: () => void) =>
  typeof requestAnimationFrame === "function" ? requestAnimationFrame(callback) : setTimeout(callback, 16);

/**
 * Moves nodes to positions saved elsewhere over `durationMs`, frame by frame, so their edges
 * follow. While a node glides its stored position is already the target (store.gliding); a drag
 * or a newer glide of the same node takes it over.
 */
export function glideNodes(
  store: CanvasStore,
  moves: Map<string, { from: XYPosition; to: XYPosition }>,
  durationMs: number,
) {
  const targets = new Map([...moves].map(([id, move]) => [id, { ...move.to }]));
  store.getState().applyViewChange((s) => ({ gliding: { ...s.gliding, ...Object.fromEntries(targets) } }));
  const start = performance.now();
  const ownedBy = (gliding: Record<string, XYPosition>, id: string) => gliding[id] === targets.get(id);

  const frame = () => {
    const t = Math.min(1, (performance.now() - start) / durationMs);
    const k = easeOutCubic(t);
    store.getState().applyViewChange((s) => {
      const owned = [...moves.keys()].filter((id) => ownedBy(s.gliding, id));
      if (owned.length === 0) return {};
      const mine = new Set(owned);
      const nodes = s.nodes.map((n) => {
        const move = mine.has(n.id) ? moves.get(n.id) : undefined;
        if (!move) return n;
        return {
          ...n,
          position: {
            x: move.from.x + (move.to.x - move.from.x) * k,
            y: move.from.y + (move.to.y - move.from.y) * k,
          },
        };
      });
      if (t < 1) return { nodes };
      const gliding = { ...s.gliding };
      for (const id of owned) delete gliding[id];
      return { nodes, gliding };
    });
    if (t < 1 && [...moves.keys()].some((id) => ownedBy(store.getState().gliding, id))) nextFrame(frame);
  };
  nextFrame(frame);
}
