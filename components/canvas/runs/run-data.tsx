"use client";
import { useShallow } from "zustand/react/shallow";
import { useCanvasStore } from "@/components/canvas/store-context";
import { NODE_SPECS } from "@/lib/graph/nodes";
import type { FieldSource } from "@/lib/runs/reference";
import { type JsonPath, JsonView } from "./json-tree";
import { useLastRun } from "./last-run-data";
import styles from "./runs.module.css";

/**
 * The selected node as the last run saw it (its input and output), and the data it may read
 * (the trigger input, the outputs of the nodes before it): clicking a field of those hands where
 * it is to `onPick`, which puts a reference to it into the field being edited.
 */
export function RunData({
  nodeId,
  onPick,
}: {
  nodeId: string;
  onPick: (source: FieldSource, path: JsonPath) => void;
}) {
  const { runId, run } = useLastRun(true);
  const upstream = useCanvasStore(useShallow((s) => upstreamOf(nodeId, s.edges)));
  const triggers = useCanvasStore(
    useShallow((s) => s.nodes.filter((n) => n.type === "trigger").map((n) => n.id)),
  );
  const names = useCanvasStore(
    useShallow((s) =>
      Object.fromEntries(
        s.nodes.map((n) => [n.id, ("label" in n.data && n.data.label) || NODE_SPECS[n.type].label]),
      ),
    ),
  );
  if (!runId || !run) return null;
  const own = [...run.steps].reverse().find((step) => step.nodeId === nodeId && step.event !== "started");
  const readable = run.steps.filter(
    (step) =>
      step.event === "succeeded" &&
      step.nodeId &&
      upstream.includes(step.nodeId) &&
      !triggers.includes(step.nodeId),
  );
  const pick = (source: FieldSource) => (path: JsonPath) => onPick(source, path);
  return (
    <section className={styles.runData} aria-label="Last run data" data-testid="run-data">
      <h3 className={styles.runDataTitle}>In the last run</h3>
      {own ? (
        <>
          {own.payload.input !== undefined && <JsonView label="Input" value={own.payload.input} />}
          {own.payload.output !== undefined && <JsonView label="Output" value={own.payload.output} />}
          {own.error && <p className={styles.error}>{own.error}</p>}
        </>
      ) : (
        <p className={styles.muted}>This node did not run in the last run.</p>
      )}
      <h3 className={styles.runDataTitle}>Click a field to insert it</h3>
      <p className={styles.muted}>It goes where the cursor was in the field you last edited.</p>
      <div data-testid="map-source-input">
        <JsonView label="Trigger input · input" value={run.input} onPick={pick({ kind: "input" })} />
      </div>
      {readable.map((step) => (
        <div key={step.id} data-testid={`map-source-${step.nodeId}`}>
          <JsonView
            label={`${names[step.nodeId ?? ""] ?? step.nodeId} · nodes.${step.nodeId}`}
            value={step.payload.output}
            onPick={pick({ kind: "node", nodeId: step.nodeId ?? "" })}
          />
        </div>
      ))}
    </section>
  );
}

/** The nodes an edge path leads from to `nodeId`, nearest first. */
function upstreamOf(nodeId: string, edges: readonly { source: string; target: string }[]): string[] {
  const seen: string[] = [];
  const queue = [nodeId];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const edge of edges)
      if (edge.target === id && edge.source !== nodeId && !seen.includes(edge.source)) {
        seen.push(edge.source);
        queue.push(edge.source);
      }
  }
  return seen;
}
