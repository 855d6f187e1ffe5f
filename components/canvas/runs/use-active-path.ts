"use client";
import type { Edge } from "@xyflow/react";
import { useMemo } from "react";
import { useRunView } from "./run-view-context";
import styles from "./runs.module.css";

/**
 * The edges as drawn during a run: an edge into a running node, from one that finished, is
 * animated (React Flow's moving dashes; the CSS stops them under prefers-reduced-motion). The
 * canvas store's edges are left as they are, so nothing of this is saved.
 */
export function useActivePath<E extends Edge>(edges: E[]): E[] {
  const nodes = useRunView((s) => s.nodes);
  return useMemo(() => {
    if (Object.keys(nodes).length === 0) return edges;
    return edges.map((edge) => {
      const into = nodes[edge.target]?.status;
      const from = nodes[edge.source]?.status;
      const active = into === "running" && from === "succeeded";
      return active
        ? { ...edge, animated: true, className: `${edge.className ?? ""} ${styles.activeEdge}`.trim() }
        : edge;
    });
  }, [edges, nodes]);
}
