"use client";

import { type NodeProps, ReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { createContext, useContext, useEffect, useMemo, useState } from "react";
import styles from "./landing-preview.module.css";
import { PreviewNodeView } from "./preview-node";
import {
  FINISHED,
  type PreviewNode,
  type PreviewStatus,
  SAMPLE_EDGES,
  SAMPLE_NODES,
  statusesAt,
} from "./sample-run";

const TICK_MS = 900;
const PRO_OPTIONS = { hideAttribution: true };
const FIT_VIEW_OPTIONS = { padding: 0.12 };
const Statuses = createContext<Record<string, PreviewStatus>>(FINISHED);

function StatusedNode(props: NodeProps<PreviewNode>) {
  return <PreviewNodeView {...props} status={useContext(Statuses)[props.id]} />;
}
const NODE_TYPES = { preview: StatusedNode };

function useReplayedRun(): Record<string, PreviewStatus> {
  const [tick, setTick] = useState<number | null>(null);
  useEffect(() => {
    if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
    setTick(0);
    const timer = setInterval(() => setTick((t) => (t ?? 0) + 1), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return useMemo(() => (tick === null ? FINISHED : statusesAt(tick)), [tick]);
}

/**
 * A read-only canvas of a sample workflow whose run replays, step by step, as it does in the
 * editor. Nothing on it moves under the pointer: the page scrolls over it.
 */
export function ProductPreview() {
  const statuses = useReplayedRun();
  return (
    <figure className={styles.frame} aria-labelledby="product-preview-caption">
      <div className={styles.canvas} data-testid="product-preview">
        <Statuses.Provider value={statuses}>
          <ReactFlow
            nodes={SAMPLE_NODES}
            edges={SAMPLE_EDGES}
            nodeTypes={NODE_TYPES}
            fitView
            fitViewOptions={FIT_VIEW_OPTIONS}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            panOnDrag={false}
            zoomOnScroll={false}
            zoomOnPinch={false}
            zoomOnDoubleClick={false}
            preventScrolling={false}
            proOptions={PRO_OPTIONS}
          />
        </Statuses.Provider>
      </div>
      <figcaption id="product-preview-caption" className={styles.caption}>
        A webhook run, replayed: each step turns green as it finishes, in every open tab.
      </figcaption>
    </figure>
  );
}
